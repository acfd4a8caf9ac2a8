import { commonLanguages, languageName } from '../prompts/languageName.ts';
import type { WidgetProps } from './WidgetProps.ts';

/**
 * A language code (`en`, `fr_FR`) with the common ones offered by name, and the name of the one
 * typed shown under it, so nobody has to know the codes by heart.
 */
export function LanguageInput({ id, describedBy, invalid, disabled, value, onChange }: WidgetProps) {
  const name = value.trim() === '' ? null : languageName(value.trim());
  return (
    <>
      <input
        id={id}
        className="input"
        list={`${id}-languages`}
        spellCheck={false}
        placeholder="en"
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-languages`}>
        {commonLanguages.map((code) => (
          <option key={code} value={code} label={languageName(code)} />
        ))}
      </datalist>
      {name !== null && name !== value.trim() && <span className="field__help">{name}</span>}
    </>
  );
}
