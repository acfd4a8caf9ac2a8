import { promptLanguageSchema } from '@callflow/contract';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../shell/Dialog.tsx';
import { FormActions } from '../shell/FormActions.tsx';
import { FormField } from '../shell/FormField.tsx';
import { commonLanguages, languageName } from './languageName.ts';

export interface AddLanguageDialogProps {
  /** Languages the library shows already: not offered again. */
  readonly shown: readonly string[];
  readonly onAdd: (language: string) => void;
  readonly onClose: () => void;
}

/** A new column of the matrix: a language to record the prompts in. */
export function AddLanguageDialog({ shown, onAdd, onClose }: AddLanguageDialogProps) {
  const offered = commonLanguages.filter((language) => !shown.includes(language));
  const [language, setLanguage] = useState(offered[0] ?? '');
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const chosen = language === 'other' ? other.trim() : language;

  function add(event: FormEvent) {
    event.preventDefault();
    const parsed = promptLanguageSchema.safeParse(chosen);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'not a language code');
      return;
    }
    onAdd(parsed.data);
  }

  return (
    <Dialog title="Add a language" onClose={onClose}>
      <form onSubmit={add}>
        <FormField label="Language" help="Each prompt can then get its audio in this language too.">
          {(control) => (
            <select
              {...control}
              className="select"
              value={language}
              onChange={(event) => setLanguage(event.target.value)}
            >
              {offered.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
              <option value="other">Another language…</option>
            </select>
          )}
        </FormField>
        {language === 'other' && (
          <FormField
            label="Language code"
            help="The language's short code, e.g. fi, pt_PT or es_MX."
            error={problem}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                value={other}
                spellCheck={false}
                onChange={(event) => setOther(event.target.value)}
              />
            )}
          </FormField>
        )}
        {language !== 'other' && problem !== undefined && <p className="field__error">{problem}</p>}
        <FormActions
          submitLabel={`Add ${chosen === '' ? 'language' : languageName(chosen)}`}
          disabled={chosen === ''}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
