import type { LivePublication, VersionDetail } from '@callflow/contract';
import { type ComparedDocument, describeFlowChange, type FlowChange, flowChanges } from '@callflow/flow';
import { useDeferredValue, useMemo } from 'react';
import { flowsApi } from '../api/flowsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { usePopover } from './usePopover.ts';
import './publish.css';

/** A popover this long still fits a 800 px high window; the rest is counted. */
const maxListed = 12;

interface LiveDifference {
  readonly version: number;
  readonly extensions: readonly string[];
  readonly changes: readonly FlowChange[];
}

/** Each live version the draft differs from, with the extensions that run it and what differs. */
export function liveDifferences(
  draft: ComparedDocument,
  versions: readonly VersionDetail[],
  publications: readonly LivePublication[],
): LiveDifference[] {
  return versions
    .map((version) => ({
      version: version.number,
      extensions: publications
        .filter((publication) => publication.version === version.number)
        .map((publication) => publication.extension),
      changes: flowChanges(draft, version.document),
    }))
    .filter((difference) => difference.changes.length > 0);
}

function extensionList(extensions: readonly string[]): string {
  return extensions.length === 1
    ? `extension ${extensions[0]}`
    : `extensions ${extensions.slice(0, -1).join(', ')} and ${extensions.at(-1)}`;
}

/**
 * "Unpublished changes" beside the save state when the draft differs from what callers hear on any
 * extension, with a popover listing the differences in plain words. Nothing when all is published.
 */
export function UnpublishedChanges({
  flowId,
  publications,
  document,
}: {
  flowId: string;
  publications: readonly LivePublication[];
  document: ComparedDocument;
}) {
  const numbers = [...new Set(publications.map((publication) => publication.version))].sort((a, b) => a - b);
  const live = useApiData(
    (signal) => Promise.all(numbers.map((number) => flowsApi.version(flowId, number, signal))),
    [flowId, numbers.join(',')],
  );
  // Compared while the person is not typing: a keystroke never waits for it.
  const draft = useDeferredValue(document);
  const differences = useMemo(
    () => (live.data === undefined ? [] : liveDifferences(draft, live.data, publications)),
    [draft, live.data, publications],
  );
  const popover = usePopover<HTMLSpanElement>();
  if (differences.length === 0) return null;
  return (
    <span className="unpublished" ref={popover.ref}>
      <button
        type="button"
        className="badge badge--warning unpublished__toggle"
        aria-expanded={popover.open}
        onClick={popover.toggle}
        data-testid="unpublished-changes"
        title="Callers still hear the published version: see what changed"
      >
        Unpublished changes
      </button>
      {popover.open && (
        <div className="unpublished__popover card" role="dialog" aria-label="Unpublished changes">
          {differences.map((difference) => (
            <section key={difference.version}>
              <p className="unpublished__lead">
                Callers on {extensionList(difference.extensions)} hear version {difference.version}. Since
                then:
              </p>
              <ul className="unpublished__list" data-testid="unpublished-change-list">
                {difference.changes.slice(0, maxListed).map((change) => (
                  <li key={`${change.type}:${change.nodeId}`}>{describeFlowChange(change)}</li>
                ))}
              </ul>
              {difference.changes.length > maxListed && (
                <p className="muted small">and {difference.changes.length - maxListed} more changes</p>
              )}
            </section>
          ))}
          <p className="muted small">Publish to make callers hear the draft.</p>
        </div>
      )}
    </span>
  );
}
