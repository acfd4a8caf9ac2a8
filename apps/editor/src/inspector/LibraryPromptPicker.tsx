import type { PromptSummary } from '@callflow/contract';
import { ExternalLink } from 'lucide-react';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { formatClipLength } from '../audio/formatClipLength.ts';
import { languageName } from '../prompts/languageName.ts';
import { promptsApi } from '../prompts/promptsApi.ts';
import { usePromptLibrary } from '../prompts/usePromptLibrary.ts';
import { useInspector } from './InspectorContext.ts';
import type { WidgetProps } from './WidgetProps.ts';

export type LibraryPromptPickerProps = WidgetProps;

/** The language a preview plays in: the node's if the prompt has it, else the flow's, else its first. */
function previewLanguage(prompt: PromptSummary, preferred: readonly string[]): string | null {
  const languages = prompt.audio.map((audio) => audio.language);
  return preferred.find((language) => languages.includes(language)) ?? languages[0] ?? null;
}

/**
 * "My prompt": one of the library's prompts, chosen by name, with its length, its languages and a
 * preview, and a way to the Prompts page to record or change one.
 */
export function LibraryPromptPicker({
  id,
  describedBy,
  invalid,
  disabled,
  value,
  onChange,
}: LibraryPromptPickerProps) {
  const { nodeLanguage, flowLanguage } = useInspector();
  const library = usePromptLibrary();
  const prompts = library.status === 'ready' ? library.prompts : [];
  const chosen = prompts.find((prompt) => prompt.id === value);
  const missing = library.status === 'ready' && value !== '' && chosen === undefined;
  const language = chosen === undefined ? null : previewLanguage(chosen, [nodeLanguage, flowLanguage]);
  const audio = chosen?.audio.find((candidate) => candidate.language === language);
  return (
    <div className="library-prompt">
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid || missing}
        onChange={(event) => onChange(event.target.value)}
      >
        {(value === '' || library.status !== 'ready') && (
          <option value={value} disabled>
            {library.status === 'loading' ? 'Loading your prompts…' : 'Choose a prompt…'}
          </option>
        )}
        {missing && (
          <option value={value} disabled>
            A prompt that no longer exists
          </option>
        )}
        {prompts.map((prompt) => (
          <option key={prompt.id} value={prompt.id}>
            {prompt.name}
          </option>
        ))}
      </select>
      {library.status === 'failed' && (
        <span className="field__help library-prompt__why">
          Your prompts could not be listed: {library.reason}
        </span>
      )}
      {library.status === 'ready' && prompts.length === 0 && (
        <span className="field__help">Your library has no prompts yet.</span>
      )}
      {chosen !== undefined && (
        <div className="library-prompt__facts">
          {audio !== undefined && language !== null ? (
            <>
              <AudioPreviewButton
                key={audio.hash}
                source={promptsApi.audioUrl(chosen.id, language)}
                label={`Play ${chosen.name} in ${languageName(language)}`}
              />
              <span className="small">{formatClipLength(audio.durationMs)}</span>
              <span className="small muted truncate">
                {chosen.audio.map((candidate) => languageName(candidate.language)).join(', ')}
              </span>
            </>
          ) : (
            <span className="small library-prompt__why">It has no audio yet.</span>
          )}
        </div>
      )}
      <a className="small library-prompt__manage" href="/prompts" target="_blank" rel="noopener">
        {prompts.length === 0 ? 'Add one on the Prompts page' : 'Record or change prompts'}
        <ExternalLink size={12} aria-hidden="true" />
      </a>
    </div>
  );
}
