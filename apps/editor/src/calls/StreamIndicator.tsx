import type { CallStreamState } from './openCallStream.ts';

const texts: Record<CallStreamState, { label: string; title: string }> = {
  open: { label: 'Live', title: 'New calls and changes appear as they happen' },
  connecting: { label: 'Connecting…', title: 'Connecting to the live call stream' },
  closed: {
    label: 'Offline',
    title: 'The live call stream is not available; retrying. The list may be out of date.',
  },
};

/** Whether the list is following the live call stream right now. */
export function StreamIndicator({ state }: { state: CallStreamState }) {
  const { label, title } = texts[state];
  return (
    <span className="stream-indicator" data-state={state} title={title} role="status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
