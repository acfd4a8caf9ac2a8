import { maxPromptSpeechLength } from '@callflow/contract';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { promptsApi } from '../prompts/promptsApi.ts';
import { siblingText, useEnclosingRecord } from './EnclosingRecord.ts';
import { useInspector } from './InspectorContext.ts';
import { TemplateInput, type TemplateInputProps } from './TemplateInput.tsx';

export type SpeechTextInputProps = Omit<TemplateInputProps, 'multiline'>;

/**
 * Text a speech engine says, with {{variables}}, and a "Listen" button that has the server speak it
 * in the prompt's language and voice (a translation: in its own language, the default voice). The
 * variables are spoken as their names, since their values exist only during a call.
 */
export function SpeechTextInput(props: SpeechTextInputProps) {
  const record = useEnclosingRecord();
  const { flowLanguage } = useInspector();
  const language = siblingText(record, 'language') ?? flowLanguage;
  const voice = siblingText(record, 'voice');
  const text = props.value;
  const speakable = text.trim() !== '' && text.length <= maxPromptSpeechLength;
  return (
    <div className="speech-text">
      <TemplateInput {...props} multiline />
      <div className="speech-text__listen">
        <AudioPreviewButton
          source={() => promptsApi.speechPreview(text, language, voice)}
          label={`Listen to ${props.label}`}
          text="Listen"
          disabled={!speakable}
        />
      </div>
    </div>
  );
}
