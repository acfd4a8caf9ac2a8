import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, say, starterDocument } from './starterDocument.ts';

/** A greeting, a recorded message, a thank-you. */
export const afterHoursVoicemail: StarterFlow = {
  id: 'after-hours-voicemail',
  title: 'After-hours voicemail',
  description: 'Callers hear a greeting and leave a message after the beep; press # to finish.',
  icon: 'voicemail',
  document: starterDocument(
    [
      { id: 'start', kind: 'start', label: 'Incoming call', at: [0, 0] },
      { id: 'answer', kind: 'answer', label: 'Pick up', at: [0, 1] },
      {
        id: 'greeting',
        kind: 'play',
        label: 'Greeting',
        at: [0, 2],
        options: {
          prompts: [
            say(
              'Thank you for calling. Nobody can take your call right now. Please leave your name, number and message after the beep, then press the hash key.',
            ),
          ],
        },
      },
      {
        id: 'message',
        kind: 'record',
        label: 'Record the message',
        at: [0, 3],
        options: {
          nameTemplate: 'voicemail/{{call.id}}',
          maxDurationSeconds: 120,
          maxSilenceSeconds: 5,
          terminateOn: '#',
          variable: 'message',
        },
      },
      {
        id: 'thanks',
        kind: 'play',
        label: 'Thank you',
        at: [0, 4],
        options: { prompts: [say('Thank you, we received your message. We will call you back. Goodbye.')] },
      },
      { id: 'thanks-hangup', kind: 'hangup', label: 'Hang up', at: [0, 5] },
      ...errorPath(1, 1),
    ],
    [
      'start.next -> answer',
      'answer.next -> greeting',
      'greeting.next -> message',
      'message.next -> thanks',
      'thanks.next -> thanks-hangup',
      ...errorPathWires,
    ],
  ),
};
