import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, say, starterDocument } from './starterDocument.ts';

const dialFailures = ['busy', 'noanswer', 'unavailable', 'failed'];

/** Open: a menu to Sales or Support, each ringing a phone; closed: the opening hours. */
export const businessHoursMenu: StarterFlow = {
  id: 'business-hours',
  title: 'Business hours menu',
  description:
    'Open: callers press 1 for Sales or 2 for Support and a phone rings. Closed: they hear your opening hours.',
  icon: 'clock',
  document: starterDocument(
    [
      { id: 'start', kind: 'start', label: 'Incoming call', at: [1, 0] },
      { id: 'answer', kind: 'answer', label: 'Pick up', at: [1, 1] },
      {
        id: 'hours',
        kind: 'timeOfDay',
        label: 'Are we open?',
        at: [1, 2],
        options: {
          timeZone: 'Europe/London',
          ranges: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
        },
      },
      {
        id: 'menu',
        kind: 'menu',
        label: 'Main menu',
        at: [1, 3],
        options: {
          prompts: [say('Thank you for calling. For sales, press 1. For support, press 2.')],
          choices: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
          ],
        },
      },
      {
        id: 'sales',
        kind: 'dial',
        label: 'Ring Sales',
        at: [0, 4],
        options: { endpoint: 'PJSIP/1001', timeoutSeconds: 25 },
      },
      {
        id: 'support',
        kind: 'dial',
        label: 'Ring Support',
        at: [1, 4],
        options: { endpoint: 'PJSIP/1002', timeoutSeconds: 25 },
      },
      { id: 'call-ended', kind: 'hangup', label: 'Call ended', at: [0, 5] },
      {
        id: 'nobody',
        kind: 'play',
        label: 'Nobody can answer',
        at: [1, 5],
        options: { prompts: [say('Sorry, nobody can take your call right now. Please call again later.')] },
      },
      { id: 'nobody-hangup', kind: 'hangup', label: 'Hang up', at: [1, 6] },
      {
        id: 'no-choice',
        kind: 'play',
        label: 'No choice made',
        at: [2, 4],
        options: { prompts: [say('Sorry, we did not get your choice. Goodbye.')] },
      },
      { id: 'no-choice-hangup', kind: 'hangup', label: 'Hang up', at: [2, 5] },
      {
        id: 'closed',
        kind: 'play',
        label: 'We are closed',
        at: [3, 3],
        options: {
          prompts: [
            say(
              'Thank you for calling. We are closed right now. We are open Monday to Friday, from 9 in the morning to 5 in the afternoon.',
            ),
          ],
        },
      },
      { id: 'closed-hangup', kind: 'hangup', label: 'Hang up', at: [3, 4] },
      ...errorPath(4, 1),
    ],
    [
      'start.next -> answer',
      'answer.next -> hours',
      'hours.open -> menu',
      'hours.closed -> closed',
      'closed.next -> closed-hangup',
      'menu.1 -> sales',
      'menu.2 -> support',
      'menu.timeout -> no-choice',
      'menu.invalid -> no-choice',
      'no-choice.next -> no-choice-hangup',
      ...['sales', 'support'].flatMap((dial) => [
        `${dial}.answered -> call-ended`,
        ...dialFailures.map((port) => `${dial}.${port} -> nobody`),
      ]),
      'nobody.next -> nobody-hangup',
      ...errorPathWires,
    ],
  ),
};
