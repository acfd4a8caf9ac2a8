import type { CallItem } from '@callflow/contract';

export interface CallRecordProps {
  readonly call: CallItem;
  readonly stepCount: number;
}

/** What the runtime recorded about a call for whoever debugs it: Asterisk's names and causes, raw errors. */
export function CallRecord({ call, stepCount }: CallRecordProps) {
  return (
    <dl className="facts call-facts call-record" aria-label="Call record">
      <dt>Asterisk server</dt>
      <dd>{call.asteriskServer}</dd>
      <dt>Channel</dt>
      <dd className="mono">{call.channelId}</dd>
      <dt>Stasis app</dt>
      <dd className="mono">{call.appName}</dd>
      <dt>Hangup cause</dt>
      <dd>{call.hangupCause ?? <span className="muted">—</span>}</dd>
      <dt>Outcome</dt>
      <dd className="mono">{call.outcome ?? <span className="muted">live</span>}</dd>
      <dt>Steps logged</dt>
      <dd>{stepCount}</dd>
      {call.error !== null && (
        <>
          <dt>Error</dt>
          <dd className="mono call-record__error">{call.error}</dd>
        </>
      )}
    </dl>
  );
}
