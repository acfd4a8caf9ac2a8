import { maxPromptUploadBytes, type PromptSummary } from '@callflow/contract';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { AudioDropZone } from '../audio/AudioDropZone.tsx';
import { AudioPreviewButton } from '../audio/AudioPreviewButton.tsx';
import { BrowserRecorder } from '../audio/BrowserRecorder.tsx';
import { formatClipLength } from '../audio/formatClipLength.ts';
import { Waveform } from '../audio/Waveform.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { IconButton } from '../shell/IconButton.tsx';
import { useAction } from '../shell/useAction.ts';
import { audioSources, describeAudio } from './audioSource.ts';
import { languageName } from './languageName.ts';
import { promptsApi } from './promptsApi.ts';
import { SpeechForm } from './SpeechForm.tsx';

export interface PromptAudioDialogProps {
  readonly prompt: PromptSummary;
  readonly language: string;
  readonly editable: boolean;
  /** The prompt as the server has it after a change (new audio, or one language removed). */
  readonly onChanged: (prompt: PromptSummary | null) => void;
  readonly onClose: () => void;
}

type Way = 'upload' | 'record' | 'speech';
const ways: readonly { readonly way: Way; readonly label: string }[] = [
  { way: 'upload', label: 'Upload a file' },
  { way: 'record', label: 'Record' },
  { way: 'speech', label: 'Type text' },
];

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/**
 * One prompt in one language: what it plays now (waveform, length, where it came from, a preview),
 * and the three ways to give it audio: a file, the microphone, or typed text spoken by the server.
 */
export function PromptAudioDialog({
  prompt,
  language,
  editable,
  onChanged,
  onClose,
}: PromptAudioDialogProps) {
  const audio = prompt.audio.find((candidate) => candidate.language === language);
  const [way, setWay] = useState<Way>(
    audio?.source === 'speech' ? 'speech' : audio?.source === 'recording' ? 'record' : 'upload',
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const where = `${prompt.name} in ${languageName(language)}`;

  function saved(next: PromptSummary) {
    setNotice(
      'Saved. Flows play it from their next publication; published versions keep what they were published with.',
    );
    onChanged(next);
  }

  async function upload(file: Blob, source: 'upload' | 'recording', fileName?: string) {
    if (file.size > maxPromptUploadBytes)
      throw new ApiError(
        413,
        'too_big',
        `The file is ${megabytes(file.size)}; the limit is ${megabytes(maxPromptUploadBytes)}.`,
      );
    saved(await promptsApi.upload(prompt.id, language, file, source, fileName));
  }

  const removal = useAction(async () => {
    await promptsApi.removeAudio(prompt.id, language);
    setConfirmRemove(false);
    setNotice(null);
    onChanged({ ...prompt, audio: prompt.audio.filter((candidate) => candidate.language !== language) });
  });

  return (
    <Dialog title={where} onClose={onClose} wide>
      {audio === undefined ? (
        <p className="muted">No audio in {languageName(language)} yet.</p>
      ) : (
        <div className="prompt-audio" data-testid="prompt-audio">
          <Waveform peaks={audio.peaks} label={where} height={56} />
          <div className="prompt-audio__facts">
            <AudioPreviewButton
              // A new element for new audio: the address stays the same when the audio is replaced.
              key={audio.hash}
              source={promptsApi.audioUrl(prompt.id, language)}
              label={`Play ${where}`}
              text="Play"
              small={false}
            />
            <strong data-testid="prompt-audio-duration">{formatClipLength(audio.durationMs)}</strong>
            <span className="muted small truncate" title={describeAudio(audio)}>
              {describeAudio(audio)}
            </span>
            <span className="spacer" />
            {editable && !confirmRemove && (
              <IconButton
                icon={Trash2}
                label="Remove"
                variant="ghost"
                danger
                onClick={() => setConfirmRemove(true)}
              />
            )}
          </div>
          {confirmRemove && (
            <div className="notice notice--warning prompt-audio__confirm">
              <span>
                Remove the {languageName(language)} audio? Calls in {languageName(language)} then hear another
                of its languages once the flow is published again.
              </span>
              <button type="button" className="button button--small" onClick={() => setConfirmRemove(false)}>
                Keep it
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={removal.busy}
                onClick={() => removal.run()}
              >
                Remove
              </button>
            </div>
          )}
        </div>
      )}
      {notice !== null && (
        <p className="notice prompt-audio__notice" role="status">
          {notice}
        </p>
      )}
      {removal.error !== null && (
        <p className="notice notice--error" role="alert">
          {removal.error.message}
        </p>
      )}
      {editable && (
        <section className="prompt-ways" aria-label={audio === undefined ? 'Add audio' : 'Replace the audio'}>
          <h3 className="prompt-ways__title">{audio === undefined ? 'Add audio' : 'Replace it'}</h3>
          <div className="prompt-ways__tabs" role="tablist">
            {ways.map((option) => {
              const Icon = audioSources[option.way === 'record' ? 'recording' : option.way].icon;
              return (
                <button
                  key={option.way}
                  type="button"
                  role="tab"
                  id={`way-${option.way}`}
                  aria-selected={way === option.way}
                  aria-controls="prompt-way-panel"
                  className="prompt-ways__tab"
                  onClick={() => setWay(option.way)}
                >
                  <Icon size={14} aria-hidden="true" />
                  {option.label}
                </button>
              );
            })}
          </div>
          <div
            id="prompt-way-panel"
            role="tabpanel"
            aria-labelledby={`way-${way}`}
            className="prompt-ways__panel"
          >
            {way === 'upload' && <AudioDropZone onFile={(file) => upload(file, 'upload', file.name)} />}
            {way === 'record' && <BrowserRecorder onSave={(recording) => upload(recording, 'recording')} />}
            {way === 'speech' && (
              <SpeechForm
                language={language}
                initialText={audio?.source === 'speech' ? (audio.speechText ?? '') : ''}
                initialVoice={audio?.source === 'speech' ? audio.voice : null}
                onSave={async (text, voice) =>
                  saved(await promptsApi.setSpeech(prompt.id, language, text, voice))
                }
              />
            )}
          </div>
        </section>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
