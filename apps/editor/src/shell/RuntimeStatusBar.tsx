import { Link } from 'wouter';
import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { type PhoneSystemSummary, phoneSystemSummary } from '../runtime/phoneSystemSummary.ts';

/**
 * The bottom bar: is the phone system connected and how many extensions answer, or what is wrong and
 * what to do; the Asterisk versions only in its tooltip. From the runtime's heartbeat in the API.
 */
export function RuntimeStatusBar() {
  const { data, error } = useApiData((signal) => runtimeApi.status(signal), [], { refreshMs: 5000 });
  const summary: PhoneSystemSummary =
    error !== null
      ? {
          state: 'down',
          text: 'Cannot tell whether the phone system is connected',
          detail: `The editor cannot reach Callflow’s server: ${error.message}`,
        }
      : data === undefined
        ? { state: 'unknown', text: 'Checking the phone system…', detail: '' }
        : phoneSystemSummary(data);
  return (
    <footer className="status-bar" data-state={summary.state} title={summary.detail || undefined}>
      <span className="status-bar__dot" aria-hidden="true" />
      <span data-testid="runtime-status">{summary.text}</span>
      {summary.state === 'down' && <span className="truncate">· {summary.detail}</span>}
      <Link href="/runtime" className="status-bar__apps">
        Details
      </Link>
    </footer>
  );
}
