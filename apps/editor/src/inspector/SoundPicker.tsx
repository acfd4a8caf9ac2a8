import { type KeyboardEvent, useEffect, useState } from 'react';
import type { Sound } from '../api/soundsApi.ts';
import { useInspector } from './InspectorContext.ts';

export interface SoundPickerProps {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly value: string;
  readonly onChange: (next: string) => void;
}

const shownAtOnce = 50;

/**
 * A sound name with a searchable list of the sounds Asterisk has (by name or by what they say). When
 * the list cannot be had (no Asterisk configured or reachable) it is a plain input saying why.
 */
export function SoundPicker({ id, describedBy, invalid, disabled, value, onChange }: SoundPickerProps) {
  const { sounds, loadSounds } = useInspector();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-sounds`;

  useEffect(() => {
    if (!disabled) loadSounds();
  }, [disabled, loadSounds]);

  if (sounds.status === 'unavailable')
    return (
      <>
        <input
          id={id}
          className="input"
          value={value}
          disabled={disabled}
          spellCheck={false}
          placeholder="hello-world"
          aria-describedby={[describedBy, `${id}-why`].filter((part) => part !== undefined).join(' ')}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value)}
        />
        <span id={`${id}-why`} className="field__help sound-picker__why">
          {sounds.reason}
        </span>
      </>
    );

  const catalog = sounds.status === 'ready' ? sounds.sounds : [];
  const matches = matchingSounds(catalog, value);
  const shown = matches.slice(0, shownAtOnce);
  const expanded = open && !disabled && (sounds.status === 'loading' || catalog.length > 0);
  const unknown =
    sounds.status === 'ready' &&
    value.trim() !== '' &&
    !value.includes('{{') &&
    !catalog.some((sound) => sound.name === value.trim());

  const choose = (name: string) => {
    onChange(name);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => Math.min(Math.max(current + step, 0), Math.max(shown.length - 1, 0)));
    } else if (event.key === 'Enter' && expanded) {
      const picked = shown[active];
      if (picked !== undefined) {
        event.preventDefault();
        choose(picked.name);
      }
    } else if (event.key === 'Escape') setOpen(false);
  };

  return (
    <div className="sound-picker">
      <input
        id={id}
        className="input"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && shown[active] !== undefined ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={value}
        disabled={disabled}
        placeholder="Search sounds, e.g. welcome"
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div id={listId} role="listbox" aria-label="Sounds" className="sound-picker__list">
          {sounds.status === 'loading' && <div className="sound-picker__note">Loading sounds…</div>}
          {shown.map((sound, index) => (
            <div
              key={sound.name}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="sound-picker__option"
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(sound.name);
              }}
            >
              <span className="sound-picker__name">{sound.name}</span>
              {sound.text !== null && <span className="sound-picker__text">{sound.text}</span>}
              <span className="sound-picker__languages">{sound.languages.join(' ')}</span>
            </div>
          ))}
          {sounds.status === 'ready' && matches.length === 0 && (
            <div className="sound-picker__note">No sound matches “{value.trim()}”</div>
          )}
          {matches.length > shown.length && (
            <div className="sound-picker__note">{matches.length - shown.length} more: type to narrow</div>
          )}
        </div>
      )}
      {unknown && (
        <span className="field__help sound-picker__why">Asterisk has no sound named “{value.trim()}”.</span>
      )}
    </div>
  );
}

/** Sounds whose name or text holds every word typed; names that start with the text come first. */
function matchingSounds(sounds: readonly Sound[], query: string): Sound[] {
  const text = query.trim().toLowerCase();
  const words = text.split(/\s+/).filter((word) => word !== '');
  const matching = sounds.filter((sound) => {
    const haystack = `${sound.name} ${sound.text ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const rank = (sound: Sound) => (sound.name.startsWith(text) ? 0 : sound.name.includes(text) ? 1 : 2);
  return matching.sort((a, b) => rank(a) - rank(b));
}
