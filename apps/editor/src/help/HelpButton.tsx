import { type NodeKind, nodeKinds } from '@callflow/flow';
import { CircleHelp } from 'lucide-react';
import { IconButton } from '../shell/IconButton.tsx';

/** The button that opens a kind's help: “?” alone where room is short, “Help” with words elsewhere. */
export function HelpButton({
  kind,
  onClick,
  iconOnly = false,
  testId,
}: {
  kind: NodeKind;
  onClick: () => void;
  iconOnly?: boolean;
  testId?: string;
}) {
  return (
    <IconButton
      icon={CircleHelp}
      label={iconOnly ? `Help: ${nodeKinds[kind].title}` : 'Help'}
      title={`${nodeKinds[kind].title}: what it does and when the call takes each outcome`}
      iconOnly={iconOnly}
      variant="ghost"
      small
      data-testid={testId}
      onClick={(event) => {
        // Inside a clickable row (a problem, a palette item) only the help opens.
        event.stopPropagation();
        onClick();
      }}
    />
  );
}
