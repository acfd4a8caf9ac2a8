import type { PromptSummary } from '@callflow/contract';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { formatClipLength } from '../audio/formatClipLength.ts';
import { Waveform } from '../audio/Waveform.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { audioSources } from './audioSource.ts';
import { languageName } from './languageName.ts';
import { promptsApi } from './promptsApi.ts';

export interface PromptMatrixProps {
  readonly prompts: readonly PromptSummary[];
  /** The columns, in order. */
  readonly languages: readonly string[];
  readonly editable: boolean;
  readonly onOpen: (prompt: PromptSummary, language: string) => void;
  readonly onEdit: (prompt: PromptSummary) => void;
  readonly onDelete: (prompt: PromptSummary) => void;
}

function Cell({
  prompt,
  language,
  editable,
  onOpen,
}: {
  prompt: PromptSummary;
  language: string;
  editable: boolean;
  onOpen: () => void;
}) {
  const audio = prompt.audio.find((candidate) => candidate.language === language);
  const where = `${prompt.name} in ${languageName(language)}`;
  if (audio === undefined)
    return editable ? (
      <button
        type="button"
        className="button button--small button--ghost prompt-cell__add"
        aria-label={`Add ${where}`}
        onClick={onOpen}
      >
        <Plus size={14} aria-hidden="true" />
        Add
      </button>
    ) : (
      <span className="muted small">None</span>
    );
  const source = audioSources[audio.source];
  const length = formatClipLength(audio.durationMs);
  return (
    <div className="prompt-cell">
      <AudioPreviewButton
        key={audio.hash}
        source={promptsApi.audioUrl(prompt.id, language)}
        label={`Play ${where}`}
      />
      <button
        type="button"
        className="prompt-cell__open"
        aria-label={`${where}: ${length}, ${source.label.toLowerCase()}`}
        title={`${source.label}: ${editable ? 'open to listen, replace or remove' : 'open to listen'}`}
        onClick={onOpen}
      >
        <Waveform peaks={audio.peaks} label={where} height={22} />
        <span className="prompt-cell__length">{length}</span>
        <source.icon size={14} aria-hidden="true" className="prompt-cell__source" />
      </button>
    </div>
  );
}

/** The library as a table: one row per prompt, one column per language, each cell its audio there. */
export function PromptMatrix({ prompts, languages, editable, onOpen, onEdit, onDelete }: PromptMatrixProps) {
  return (
    <table className="table prompt-matrix" data-testid="prompt-matrix">
      <thead>
        <tr>
          <th scope="col">Prompt</th>
          {languages.map((language) => (
            <th key={language} scope="col">
              {languageName(language)}
            </th>
          ))}
          <th scope="col" className="prompt-matrix__actions">
            {editable && <span className="visually-hidden">Actions</span>}
          </th>
        </tr>
      </thead>
      <tbody>
        {prompts.map((prompt) => (
          <tr key={prompt.id}>
            <th scope="row" className="prompt-matrix__prompt">
              <span className="prompt-matrix__name">{prompt.name}</span>
              {prompt.description !== '' && (
                <span className="prompt-matrix__description" title={prompt.description}>
                  {prompt.description}
                </span>
              )}
            </th>
            {languages.map((language) => (
              <td key={language} className="prompt-matrix__cell">
                <Cell
                  prompt={prompt}
                  language={language}
                  editable={editable}
                  onOpen={() => onOpen(prompt, language)}
                />
              </td>
            ))}
            <td className="prompt-matrix__actions">
              {editable && (
                <>
                  <IconButton
                    icon={Pencil}
                    label={`Edit ${prompt.name}`}
                    iconOnly
                    variant="ghost"
                    small
                    onClick={() => onEdit(prompt)}
                  />
                  <IconButton
                    icon={Trash2}
                    label={`Delete ${prompt.name}`}
                    iconOnly
                    variant="ghost"
                    small
                    danger
                    onClick={() => onDelete(prompt)}
                  />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
