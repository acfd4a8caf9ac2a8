import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, say, starterDocument } from './starterDocument.ts';

const dialOutcomes = ['busy', 'noanswer', 'unavailable', 'failed'];

/** A dial to `endpoint` whose every outcome is wired: answered ends the call, the rest apologise. */
function ringWires(id: string): string[] {
  return [`${id}.answered -> call-ended`, ...dialOutcomes.map((port) => `${id}.${port} -> nobody`)];
}

/** Every menu's "no key pressed" and "wrong key" lead to the same goodbye. */
function noChoiceWires(id: string): string[] {
  return [`${id}.timeout -> no-choice`, `${id}.invalid -> no-choice`];
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
      {
        id: 'main-menu',
        kind: 'menu',
        label: 'Main menu',
        at: [2, 2],
        options: {
          prompts: [say('Welcome to our company. For sales, press 1. For support, press 2.')],
          choices: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
          ],
        },
      },
      {
        id: 'sales-menu',
        kind: 'menu',
        label: 'Sales menu',
        at: [0.5, 3],
        options: {
          prompts: [say('For new customers, press 1. If you already are a customer, press 2.')],
          choices: [
            { digit: '1', label: 'New customers' },
            { digit: '2', label: 'Existing customers' },
          ],
        },
      },
      {
        id: 'support-menu',
        kind: 'menu',
        label: 'Support menu',
        at: [3, 3],
        options: {
          prompts: [say('For technical help, press 1. For billing, press 2.')],
          choices: [
            { digit: '1', label: 'Technical help' },
            { digit: '2', label: 'Billing' },
          ],
        },
      },
      {
        id: 'technical-menu',
        kind: 'menu',
        label: 'Technical help menu',
        at: [2.5, 4],
        options: {
          prompts: [say('For internet, press 1. For phones, press 2.')],
          choices: [
            { digit: '1', label: 'Internet' },
            { digit: '2', label: 'Phones' },
          ],
        },
      },
      {
        id: 'ring-new',
        kind: 'dial',
        label: 'Ring new sales',
        at: [0, 4],
        options: { endpoint: 'PJSIP/1001' },
      },
      {
        id: 'ring-accounts',
        kind: 'dial',
        label: 'Ring account managers',
        at: [1, 4],
        options: { endpoint: 'PJSIP/1002' },
      },
      {
        id: 'ring-internet',
        kind: 'dial',
        label: 'Ring internet support',
        at: [2, 5],
        options: { endpoint: 'PJSIP/1001' },
      },
      {
        id: 'ring-phones',
        kind: 'dial',
        label: 'Ring phone support',
        at: [3, 5],
        options: { endpoint: 'PJSIP/1002' },
      },
      {
        id: 'billing',
        kind: 'play',
        label: 'Billing message',
        at: [4, 4],
        options: {
          prompts: [
            say('For billing questions, please write to billing at our company dot com. Thank you, goodbye.'),
          ],
        },
      },
      { id: 'billing-hangup', kind: 'hangup', label: 'Hang up', at: [4, 5] },
      { id: 'call-ended', kind: 'hangup', label: 'Call ended', at: [1, 6.5] },
      {
        id: 'nobody',
        kind: 'play',
        label: 'Nobody can answer',
        at: [2.5, 6.5],
        options: { prompts: [say('Sorry, nobody can take your call right now. Please call again later.')] },
      },
      { id: 'nobody-hangup', kind: 'hangup', label: 'Hang up', at: [2.5, 7.5] },
      {
        id: 'no-choice',
        kind: 'play',
        label: 'No choice made',
        at: [4.5, 2],
        options: { prompts: [say('Sorry, we did not get your choice. Goodbye.')] },
      },
      { id: 'no-choice-hangup', kind: 'hangup', label: 'Hang up', at: [4.5, 3] },
      ...errorPath(3.5, 0),
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
