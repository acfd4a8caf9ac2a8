import { maxPromptSpeechLength } from '@callflow/contract';
import { Save } from 'lucide-react';
import { useId, useState } from 'react';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { FormField } from '../shell/FormField.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { useAction } from '../shell/useAction.ts';
import { promptsApi } from './promptsApi.ts';
import { VoiceSelect } from './VoiceSelect.tsx';

export interface SpeechFormProps {
  readonly language: string;
  /** What the prompt says now when it was typed, to change a word rather than start over. */
  readonly initialText: string;
  readonly initialVoice: string | null;
  /** Has the server speak and store it; its failure is shown here. */
  readonly onSave: (text: string, voice: string | null) => Promise<void>;
}

/** "Type text": a sentence the speech engine says in a chosen voice, heard before it is saved. */
export function SpeechForm({ language, initialText, initialVoice, onSave }: SpeechFormProps) {
  const voiceId = useId();
  const [text, setText] = useState(initialText);
  const [voice, setVoice] = useState(initialVoice);
  const save = useAction(onSave);
  const empty = text.trim() === '';
  const problem = save.error === null ? null : (save.error.problemAt('body.text') ?? save.error.message);

  return (
    <div className="speech-form">
      <FormField label="What to say" help="Written as it should be heard, e.g. “Thank you for calling Acme.”">
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            rows={3}
            maxLength={maxPromptSpeechLength}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </FormField>
      <div className="field">
        <label htmlFor={voiceId} className="field__label">
          Voice
        </label>
        <VoiceSelect id={voiceId} language={language} value={voice} onChange={setVoice} />
      </div>
      {problem !== null && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <div className="speech-form__actions">
        <AudioPreviewButton
          source={() => promptsApi.speechPreview(text, language, voice)}
          label="Listen to the text"
          text="Listen"
          small={false}
          disabled={empty}
        />
        <span className="spacer" />
        <IconButton
          icon={Save}
          label={save.busy ? 'Saving…' : 'Save'}
          variant="primary"
          disabled={empty || save.busy}
          onClick={() => save.run(text, voice)}
        />
      </div>
    </div>
  );
}
