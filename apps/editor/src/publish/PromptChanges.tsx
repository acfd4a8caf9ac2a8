import type { PromptChange } from '@callflow/contract';
import { useApiData } from '../api/useApiData.ts';
import { languageName } from '../prompts/languageName.ts';
import { promptsApi } from '../prompts/promptsApi.ts';
import { useDebouncedValue } from '../shell/useDebouncedValue.ts';

/** "new audio in English; added Russian; removed French" */
function describeChange(change: PromptChange): string {
  const names = (languages: readonly string[]) => languages.map(languageName).join(', ');
  return [
    change.changed.length > 0 ? `new audio in ${names(change.changed)}` : null,
    change.added.length > 0 ? `added ${names(change.added)}` : null,
    change.removed.length > 0 ? `no longer in ${names(change.removed)}` : null,
  ]
    .filter((part) => part !== null)
    .join('; ');
}

/**
 * What publishing changes besides the flow: the library prompts whose audio was replaced, added or
 * removed since the version live on the extension was published (that version keeps its own audio).
 */
export function PromptChanges({ flowId, extension }: { flowId: string; extension: string }) {
  const settled = useDebouncedValue(extension.trim(), 300);
  const answer = useApiData(
    (signal) => (settled === '' ? Promise.resolve(null) : promptsApi.changes(flowId, settled, signal)),
    [flowId, settled],
  );
  const data = answer.data;
  // Nothing to compare with (nothing live there, an extension still being typed): nothing to say.
  if (data === null || data === undefined || data.extension !== settled || data.liveVersion === null)
    return null;
  return (
    <section
      className="prompt-changes"
      aria-label="Prompts changed since the live version"
      data-testid="prompt-changes"
    >
      <h3 className="prompt-changes__title">Prompts changed since the live version</h3>
      {data.changes.length === 0 ? (
        <p className="muted small">
          None: callers hear the same prompts as in version {data.liveVersion.number}.
        </p>
      ) : (
        <>
          <ul className="prompt-changes__list">
            {data.changes.map((change) => (
              <li key={change.promptId}>
                <strong>{change.name}</strong>: {describeChange(change)}
              </li>
            ))}
          </ul>
          <p className="muted small">
            Version {data.liveVersion.number} keeps playing the audio it was published with; publishing makes
            callers hear the prompts as they are now.
          </p>
        </>
      )}
    </section>
  );
}
