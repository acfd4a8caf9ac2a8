import { stockSoundNameSchema } from '@callflow/contract';
import { useState } from 'react';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { promptsApi } from '../prompts/promptsApi.ts';
import { comboboxKeyDown } from './comboboxKeys.ts';
import { useInspector } from './InspectorContext.ts';
import { useSoundOptions } from './useSoundOptions.ts';
import type { WidgetProps } from './WidgetProps.ts';

export type SoundPickerProps = WidgetProps;

/**
 * A sound name with a searchable list of the sounds Asterisk has (by name or by what they say, with
 * their lengths), and a button to hear the chosen one. When the list cannot be had (no Asterisk
 * configured or reachable) it is a plain input saying why.
 */
export function SoundPicker({ id, describedBy, invalid, disabled, value, onChange }: SoundPickerProps) {
  const { nodeLanguage } = useInspector();
  const sounds = useSoundOptions(value, !disabled);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-sounds`;

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

  const shown = sounds.status === 'ready' ? sounds.options : [];
  const answered = sounds.status === 'ready' && sounds.query === value.trim();
  const expanded = open && !disabled && (sounds.status === 'loading' || shown.length > 0 || answered);
  const chosen = shown.find((sound) => sound.name === value.trim());
  // While the list offers sounds for what is typed, it is a search, not yet a wrong name.
  const unknown =
    answered &&
    value.trim() !== '' &&
    !value.includes('{{') &&
    chosen === undefined &&
    !(expanded && shown.length > 0);
  // A sound the list knows can be heard; read-only nothing is asked, and the chosen sound can still be
  // heard (the API says when it cannot).
  const playable =
    (sounds.status === 'ready' ? sounds.playable && chosen !== undefined : disabled) &&
    stockSoundNameSchema.safeParse(value.trim()).success;

  const choose = (name: string) => {
    onChange(name);
    setOpen(false);
  };
  const onKeyDown = comboboxKeyDown({
    shown,
    expanded,
    active,
    setActive,
    setOpen,
    choose: (sound) => choose(sound.name),
  });

  return (
    <div className="sound-picker">
      <div className="sound-picker__row">
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
        {playable && (
          <AudioPreviewButton
            key={value.trim()}
            source={promptsApi.stockSoundUrl(value.trim(), chosen?.language ?? nodeLanguage)}
            label={`Play the sound ${value.trim()}`}
          />
        )}
      </div>
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
              <span className="sound-picker__detail">{sound.note}</span>
            </div>
          ))}
          {answered && shown.length === 0 && (
            <div className="sound-picker__note">No sound matches “{value.trim()}”</div>
          )}
          {sounds.status === 'ready' && sounds.more > 0 && (
            <div className="sound-picker__note">{sounds.more} more: type to narrow</div>
          )}
        </div>
      )}
      {unknown && (
        <span className="field__help sound-picker__why">
          There is no built-in sound called “{value.trim()}”.
        </span>
      )}
      {chosen?.text != null && !expanded && (
        <span className="field__help">
          Says “{chosen.text}”
          {chosen.note !== '' && sounds.status === 'ready' && sounds.playable ? ` · ${chosen.note}` : ''}
        </span>
      )}
    </div>
  );
}
