import { useRef, useState } from 'react';
import { comboboxKeyDown } from './comboboxKeys.ts';
import type { AsteriskChoices } from './useAsteriskChoices.ts';
import { VariableInsert } from './VariableInsert.tsx';
import type { WidgetProps } from './WidgetProps.ts';

/** How many choices the list shows at once; typing narrows the rest. */
const shownAtOnce = 50;

export interface AsteriskNamePickerProps extends WidgetProps {
  readonly choices: AsteriskChoices;
  /** What the list holds, for screen readers and the empty list: "Phones and endpoints". */
  readonly listLabel: string;
  readonly placeholder: string;
  /** The field's title: when given, the field offers "Insert variable" (e.g. PJSIP/{{vars.agent}}). */
  readonly label?: string;
}

/**
 * A text field with a searchable list of what Asterisk has (phones, device names): choosing writes
 * the choice's value, and any other text (a {{variable}}, a name Asterisk does not list yet) is
 * still allowed. Without the list it is a plain input saying why.
 */
export function AsteriskNamePicker(props: AsteriskNamePickerProps) {
  const { id, describedBy, invalid, disabled, value, onChange, choices, listLabel, placeholder, label } =
    props;
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Opened, the list shows everything (to switch to another choice); typing narrows it.
  const [narrowing, setNarrowing] = useState(false);
  const listId = `${id}-choices`;
  const typed = value.trim().toLowerCase();
  const all = choices.status === 'ready' ? choices.choices : [];
  const matching =
    narrowing && typed !== ''
      ? all.filter((choice) =>
          `${choice.value} ${choice.label} ${choice.detail}`.toLowerCase().includes(typed),
        )
      : all;
  const shown = matching.slice(0, shownAtOnce);
  const expanded = open && !disabled && (choices.status === 'loading' || choices.status === 'ready');

  const choose = (next: string) => {
    onChange(next);
    setOpen(false);
  };
  const onKeyDown = comboboxKeyDown({
    shown,
    expanded,
    active,
    setActive,
    setOpen,
    choose: (choice) => choose(choice.value),
  });

  return (
    <div className="sound-picker">
      <input
        id={id}
        ref={input}
        className="input"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && shown[active] !== undefined ? `${listId}-${active}` : undefined}
        aria-describedby={[describedBy, choices.status === 'unavailable' ? `${id}-why` : undefined]
          .filter((part) => part !== undefined)
          .join(' ')}
        aria-invalid={invalid}
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setNarrowing(true);
          setActive(0);
        }}
        onFocus={() => {
          setOpen(true);
          setNarrowing(false);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div id={listId} role="listbox" aria-label={listLabel} className="sound-picker__list">
          {choices.status === 'loading' && <div className="sound-picker__note">Asking Asterisk…</div>}
          {shown.map((choice, index) => (
            <div
              key={choice.value}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="sound-picker__option"
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(choice.value);
              }}
            >
              <span className="sound-picker__name">{choice.label}</span>
              <span className="sound-picker__detail">{choice.detail}</span>
            </div>
          ))}
          {choices.status === 'ready' && shown.length === 0 && (
            <div className="sound-picker__note">
              {all.length === 0
                ? `Asterisk lists no ${listLabel.toLowerCase()}: type one.`
                : `None matches “${value.trim()}”: it is used as typed.`}
            </div>
          )}
          {matching.length > shown.length && (
            <div className="sound-picker__note">{matching.length - shown.length} more: type to narrow</div>
          )}
        </div>
      )}
      {choices.status === 'unavailable' && (
        <span id={`${id}-why`} className="field__help sound-picker__why">
          {choices.reason}
        </span>
      )}
      {choices.status === 'ready' && choices.note !== null && (
        <span className="field__help">{choices.note}</span>
      )}
      {label !== undefined && (
        <div className="template-input">
          <VariableInsert label={label} disabled={disabled} value={value} onChange={onChange} input={input} />
        </div>
      )}
    </div>
  );
}
