import { languageName } from './languageName.ts';
import { type SpeechVoices, useSpeechVoices, voicesOf } from './useSpeechVoices.ts';

export interface VoiceSelectProps {
  readonly id: string;
  readonly language: string;
  /** null: the language's default voice. */
  readonly value: string | null;
  readonly onChange: (voice: string | null) => void;
  readonly disabled?: boolean;
  readonly describedBy?: string | undefined;
  readonly invalid?: boolean;
}

/** What a voice chosen earlier but not offered for this language is called: never its bare id. */
function missingVoiceLabel(voices: SpeechVoices, id: string): string {
  if (voices.status !== 'ready') return 'The voice chosen earlier';
  const elsewhere = voices.voices.find((voice) => voice.id === id);
  if (elsewhere !== undefined) return `${elsewhere.name} (a voice for another language)`;
  return 'A voice this server no longer offers';
}

/**
 * A text-to-speech voice of one language, or its default. A voice chosen earlier that the engine no
 * longer lists stays shown (and selected) so that nothing changes without the person choosing.
 */
export function VoiceSelect({
  id,
  language,
  value,
  onChange,
  disabled,
  describedBy,
  invalid,
}: VoiceSelectProps) {
  const voices = useSpeechVoices();
  const offered = voices.status === 'ready' ? voicesOf(voices.voices, language) : [];
  const unknown = value !== null && !offered.some((voice) => voice.id === value);
  return (
    <>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">Default voice for {languageName(language)}</option>
        {offered.map((voice) => (
          <option key={voice.id} value={voice.id}>
            {voice.name}
          </option>
        ))}
        {unknown && voices.status !== 'loading' && (
          <option value={value}>{missingVoiceLabel(voices, value)}</option>
        )}
      </select>
      {voices.status === 'unavailable' && (
        <span className="field__help voice-select__why">{voices.reason}</span>
      )}
    </>
  );
}
