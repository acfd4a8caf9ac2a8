import type { PromptSummary } from '@callflow/contract';
import { Languages, Plus } from 'lucide-react';
import { useState } from 'react';
import { useApiData } from '../api/useApiData.ts';
import { canEdit, useUser } from '../auth/SessionContext.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { AddLanguageDialog } from './AddLanguageDialog.tsx';
import { DeletePromptDialog } from './DeletePromptDialog.tsx';
import { languageName } from './languageName.ts';
import { PromptAudioDialog } from './PromptAudioDialog.tsx';
import { PromptFormDialog } from './PromptFormDialog.tsx';
import { PromptMatrix } from './PromptMatrix.tsx';
import { promptsApi } from './promptsApi.ts';
import './prompts.css';

type OpenDialog =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly promptId: string }
  | { readonly kind: 'audio'; readonly promptId: string; readonly language: string }
  | { readonly kind: 'delete'; readonly promptId: string }
  | { readonly kind: 'language' };

/** The language a library starts with, before any audio says which ones it has. */
const firstLanguage = 'en';

/**
 * "Prompts": the company's own recordings and spoken sentences, as a table of prompts by language.
 * Editors create, describe and delete prompts and give each language its audio; everyone can listen.
 */
export function PromptsPage() {
  const editable = canEdit(useUser());
  const library = useApiData((signal) => promptsApi.list(signal), []);
  /** Changes made here, shown at once while the list is loaded again. */
  const [changed, setChanged] = useState<ReadonlyMap<string, PromptSummary | null>>(new Map());
  const [addedLanguages, setAddedLanguages] = useState<readonly string[]>([]);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const listed = library.data?.items ?? [];
  const prompts = [
    ...listed.flatMap((prompt) => {
      const latest = changed.has(prompt.id) ? changed.get(prompt.id) : prompt;
      return latest === null || latest === undefined ? [] : [latest];
    }),
    ...[...changed.values()].filter(
      (prompt): prompt is PromptSummary => prompt !== null && !listed.some((known) => known.id === prompt.id),
    ),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const languages = [
    ...new Set([
      ...(library.data?.languages ?? []),
      ...prompts.flatMap((prompt) => prompt.audio.map((audio) => audio.language)),
      ...addedLanguages,
    ]),
  ];
  if (languages.length === 0) languages.push(firstLanguage);
  const byId = (promptId: string) => prompts.find((prompt) => prompt.id === promptId);

  function remember(prompt: PromptSummary) {
    setChanged((current) => new Map(current).set(prompt.id, prompt));
  }
  function close() {
    setDialog(null);
    setNotice(null);
    library.reload();
  }

  const edited =
    dialog?.kind === 'edit' || dialog?.kind === 'audio' || dialog?.kind === 'delete'
      ? byId(dialog.promptId)
      : undefined;
  return (
    <div className="page prompts-page">
      <div className="page__header">
        <h1>Prompts</h1>
        <span className="spacer" />
        {editable && (
          <>
            <IconButton
              icon={Languages}
              label="Add a language"
              onClick={() => setDialog({ kind: 'language' })}
            />
            <IconButton
              icon={Plus}
              label="New prompt"
              variant="primary"
              onClick={() => setDialog({ kind: 'create' })}
            />
          </>
        )}
      </div>
      <p className="prompts-page__intro">
        Your own recordings and spoken sentences, each in the languages your callers speak. Choose one in a
        Play, Menu or Collect digits node as “My prompt”. A published flow keeps playing the audio it was
        published with until it is published again.
      </p>
      {notice !== null && (
        <p className="notice prompts-page__notice" role="status">
          {notice}
        </p>
      )}
      {library.error !== null && (
        <p className="notice notice--error prompts-page__notice" role="alert">
          {library.error.message}
        </p>
      )}
      <div className="card prompts-page__card" aria-busy={library.loading}>
        {prompts.length === 0 ? (
          library.loading || library.error !== null ? null : (
            <EmptyState
              title="No prompts yet"
              action={
                editable ? (
                  <IconButton
                    icon={Plus}
                    label="Add the first prompt"
                    variant="primary"
                    onClick={() => setDialog({ kind: 'create' })}
                  />
                ) : undefined
              }
            >
              A greeting in your own voice, the options of a menu, a closing message: upload a file, record it
              here with your microphone, or type the words and have them spoken.
            </EmptyState>
          )
        ) : (
          <PromptMatrix
            prompts={prompts}
            languages={languages}
            editable={editable}
            onOpen={(prompt, language) => setDialog({ kind: 'audio', promptId: prompt.id, language })}
            onEdit={(prompt) => setDialog({ kind: 'edit', promptId: prompt.id })}
            onDelete={(prompt) => setDialog({ kind: 'delete', promptId: prompt.id })}
          />
        )}
      </div>
      {(dialog?.kind === 'create' || (dialog?.kind === 'edit' && edited !== undefined)) && (
        <PromptFormDialog
          prompt={edited ?? null}
          onClose={() => setDialog(null)}
          onDone={(prompt) => {
            remember(prompt);
            setNotice(
              dialog.kind === 'create'
                ? `Created ${prompt.name}. Give it audio in each language.`
                : `Saved ${prompt.name}.`,
            );
            setDialog(
              dialog.kind === 'create'
                ? { kind: 'audio', promptId: prompt.id, language: languages[0] ?? firstLanguage }
                : null,
            );
          }}
        />
      )}
      {dialog?.kind === 'audio' && edited !== undefined && (
        <PromptAudioDialog
          prompt={edited}
          language={dialog.language}
          editable={editable}
          onChanged={(prompt) => {
            if (prompt !== null) remember(prompt);
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'delete' && edited !== undefined && (
        <DeletePromptDialog
          prompt={edited}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setChanged((current) => new Map(current).set(edited.id, null));
            setNotice(`Deleted ${edited.name}.`);
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'language' && (
        <AddLanguageDialog
          shown={languages}
          onClose={() => setDialog(null)}
          onAdd={(language) => {
            setAddedLanguages((current) => [...current, language]);
            setNotice(
              `Added ${languageName(language)}: choose Add in its column to give a prompt audio in it.`,
            );
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}

export default PromptsPage;
