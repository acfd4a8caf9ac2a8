import { callsApi } from '../api/callsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { formatInstant } from './formatInstant.ts';

export interface CallRecordingsProps {
  readonly callId: string;
  /** How many record steps the call has logged: a new one may have named a new recording. */
  readonly recordSteps: number;
  /** A recording is complete only once its call has ended: asked again then. */
  readonly live: boolean;
  /** The name users know a node by (its recordings are listed under it), from the flow version. */
  readonly nodeName: (nodeId: string) => string;
}

/** The recordings a call made, played through the API (which fetches them from Asterisk). */
export function CallRecordings({ callId, recordSteps, live, nodeName }: CallRecordingsProps) {
  const { data, error } = useApiData(
    (signal) => callsApi.recordings(callId, signal),
    [callId, recordSteps, live],
  );
  if (error !== null)
    return <p className="notice notice--error">Cannot list the recordings: {error.message}</p>;
  if (data === undefined) return <p className="muted small">Looking for recordings…</p>;
  if (data.items.length === 0) return <p className="muted small">This call made no recordings.</p>;
  return (
    <>
      {data.ari === 'not_configured' && (
        <p className="notice notice--warning">
          The API has no ARI access configured (ARI_URL, ARI_USERNAME, ARI_PASSWORD, or ARI_SERVERS), so it
          cannot play recordings.
        </p>
      )}
      {data.ari === 'unavailable' && (
        <p className="notice notice--warning">Asterisk could not be asked whether these files exist.</p>
      )}
      <ul className="plain-list call-recordings">
        {data.items.map((recording) => (
          <li key={recording.name} className="call-recording">
            <div className="row">
              <span className="mono call-recording__name">{recording.name}</span>
              <span className="spacer" />
              <span className="muted small">
                {nodeName(recording.nodeId)} · {formatInstant(recording.recordedAt)}
              </span>
            </div>
            {recording.fileUrl === null ? (
              <p className="muted small">The API does not serve a file by this name.</p>
            ) : recording.available === false ? (
              <p className="muted small">Asterisk no longer has this file.</p>
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: raw recordings of callers; no transcript exists to caption them with.
              <audio controls preload="none" src={recording.fileUrl} className="call-recording__player">
                <a href={recording.fileUrl}>Download the recording</a>
              </audio>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
