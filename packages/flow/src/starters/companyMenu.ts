import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, type StarterNode, say, starterDocument } from './starterDocument.ts';

const dialOutcomes = ['busy', 'noanswer', 'unavailable', 'failed'];

/** A dial to `endpoint` whose every outcome is wired: answered ends the call, the rest apologise. */
function ringWires(id: string): string[] {
  return [`${id}.answered -> call-ended`, ...dialOutcomes.map((port) => `${id}.${port} -> nobody`)];
}

/** Every menu's "no key pressed" and "wrong key" lead to the same goodbye. */
function noChoiceWires(id: string): string[] {
  return [`${id}.timeout -> no-choice`, `${id}.invalid -> no-choice`];
}

/** A menu with the prompt `text` and two choices, Press 1 and Press 2, named `names`. */
function twoChoiceMenu(
  id: string,
  label: string,
  at: StarterNode['at'],
  text: string,
  names: [first: string, second: string],
): StarterNode {
  const choices = names.map((name, index) => ({ digit: String(index + 1), label: name }));
  return { id, kind: 'menu', label, at, options: { prompts: [say(text)], choices } };
}

/** A Dial of a phone, e.g. PJSIP/1001. */
function ring(id: string, label: string, at: StarterNode['at'], endpoint: string): StarterNode {
  return { id, kind: 'dial', label, at, options: { endpoint } };
}

/**
 * Three levels of menus: the main menu, a menu per department, and under Support a menu of topics;
 * each last choice rings a phone or gives a message.
 */
export const companyMenu: StarterFlow = {
  id: 'company-menu',
  title: 'Company menu (three levels)',
  description:
    'A main menu (Sales, Support), a menu per department, and a third level for support topics; each choice rings a phone or plays a message.',
  icon: 'building',
  document: starterDocument(
    [
      { id: 'start', kind: 'start', label: 'Incoming call', at: [2, 0] },
      { id: 'answer', kind: 'answer', label: 'Pick up', at: [2, 1] },
      twoChoiceMenu(
        'main-menu',
        'Main menu',
        [2, 2],
        'Welcome to our company. For sales, press 1. For support, press 2.',
        ['Sales', 'Support'],
      ),
      twoChoiceMenu(
        'sales-menu',
        'Sales menu',
        [0.5, 3],
        'For new customers, press 1. If you already are a customer, press 2.',
        ['New customers', 'Existing customers'],
      ),
      twoChoiceMenu(
        'support-menu',
        'Support menu',
        [2, 3],
        'For technical help, press 1. For billing, press 2.',
        ['Technical help', 'Billing'],
      ),
      twoChoiceMenu(
        'technical-menu',
        'Technical help menu',
        [2, 4],
        'For internet, press 1. For phones, press 2.',
        ['Internet', 'Phones'],
      ),
      ring('ring-new', 'Ring new sales', [0, 4], 'PJSIP/1001'),
      ring('ring-accounts', 'Ring account managers', [1, 4], 'PJSIP/1002'),
      ring('ring-internet', 'Ring internet support', [2, 5], 'PJSIP/1001'),
      ring('ring-phones', 'Ring phone support', [3, 5], 'PJSIP/1002'),
      {
        id: 'billing',
        kind: 'play',
        label: 'Billing message',
        at: [3, 4],
        options: {
          prompts: [
            say('For billing questions, please write to billing at our company dot com. Thank you, goodbye.'),
          ],
        },
      },
      { id: 'billing-hangup', kind: 'hangup', label: 'Hang up', at: [4, 5] },
      { id: 'call-ended', kind: 'hangup', label: 'Call ended', at: [1, 6] },
      {
        id: 'nobody',
        kind: 'play',
        label: 'Nobody can answer',
        at: [2.5, 6],
        options: { prompts: [say('Sorry, nobody can take your call right now. Please call again later.')] },
      },
      { id: 'nobody-hangup', kind: 'hangup', label: 'Hang up', at: [2.5, 7] },
      {
        id: 'no-choice',
        kind: 'play',
        label: 'No choice made',
        at: [3.5, 3],
        options: { prompts: [say('Sorry, we did not get your choice. Goodbye.')] },
      },
      { id: 'no-choice-hangup', kind: 'hangup', label: 'Hang up', at: [4, 4] },
      ...errorPath(5, 1),
    ],
    [
      'start.next -> answer',
      'answer.next -> main-menu',
      'main-menu.1 -> sales-menu',
      'main-menu.2 -> support-menu',
      'sales-menu.1 -> ring-new',
      'sales-menu.2 -> ring-accounts',
      'support-menu.1 -> technical-menu',
      'support-menu.2 -> billing',
      'technical-menu.1 -> ring-internet',
      'technical-menu.2 -> ring-phones',
      'billing.next -> billing-hangup',
      ...['main-menu', 'sales-menu', 'support-menu', 'technical-menu'].flatMap(noChoiceWires),
      'no-choice.next -> no-choice-hangup',
      ...['ring-new', 'ring-accounts', 'ring-internet', 'ring-phones'].flatMap(ringWires),
      'nobody.next -> nobody-hangup',
      ...errorPathWires,
    ],
  ),
};
