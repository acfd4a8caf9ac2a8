import type { RuntimeEvent } from '@callflow/contract';
import { formatInstant } from '../calls/formatInstant.ts';
import { useNow } from '../calls/useNow.ts';
import { problemWords } from './problemWords.ts';

export interface RecentProblemsProps {
  /** Warnings and errors of the last day, newest first; undefined while loading. */
  readonly problems: readonly RuntimeEvent[] | undefined;
  readonly error: Error | null;
  readonly flowNames: ReadonlyMap<string, string>;
  readonly onShowLog: () => void;
}

/** What went wrong lately (connections lost, versions that cannot run), in words, newest first. */
export function RecentProblems({ problems, error, flowNames, onShowLog }: RecentProblemsProps) {
  const now = useNow(true, 60_000);
  return (
    <section className="card runtime-card" aria-labelledby="recent-problems">
      <div className="row runtime-card__head">
        <h2 id="recent-problems">Recent problems</h2>
        <span className="spacer" />
        <button type="button" className="button button--ghost button--small" onClick={onShowLog}>
          Event log
        </button>
      </div>
      {problems === undefined ? (
        error === null ? (
          <span className="skeleton skeleton--block" aria-busy="true" />
        ) : (
          <p className="notice notice--error">Cannot read the runtime’s problems: {error.message}</p>
        )
      ) : problems.length === 0 ? (
        <p className="muted">No problems in the last 24 hours.</p>
      ) : (
        <ul className="plain-list recent-problems">
          {problems.map((problem) => (
            <li key={problem.id} className="recent-problem" data-level={problem.level}>
              <time
                className="muted small recent-problem__time"
                dateTime={problem.at}
                title={formatInstant(problem.at, { style: 'full' })}
              >
                {formatInstant(problem.at, { now })}
              </time>
              <span>{problemWords(problem, flowNames)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
