import type { PromptAudio } from '@callflow/contract';
import { FileAudio, type LucideIcon, MessageSquareText, Mic } from 'lucide-react';

/** How each kind of audio is named and drawn, in the matrix and in a prompt's dialog. */
export const audioSources: Record<
  PromptAudio['source'],
  { readonly label: string; readonly icon: LucideIcon }
> = {
  upload: { label: 'Uploaded file', icon: FileAudio },
  recording: { label: 'Recorded in the browser', icon: Mic },
  speech: { label: 'Text to speech', icon: MessageSquareText },
};

/** One line saying where the audio came from: the file's name, or the sentence spoken. */
export function describeAudio(audio: PromptAudio): string {
  const { label } = audioSources[audio.source];
  if (audio.source === 'upload' && audio.fileName !== null && audio.fileName !== '')
    return `${label} “${audio.fileName}”`;
  if (audio.source === 'speech' && audio.speechText !== null) return `${label}: “${audio.speechText}”`;
  return label;
}
