import type { StarterFlow } from './StarterFlow.ts';
import { errorPath, errorPathWires, say, starterDocument } from './starterDocument.ts';

/**
 * The caller types an account number, a web service answers the balance, the caller hears it. The
 * address is an example to replace with the company's own service (the description says so): it
 * validates, and until replaced a call takes the "lookup failed" path.
 */
export const accountLookup: StarterFlow = {
  id: 'account-lookup',
  title: 'Account lookup',
  description:
    'Callers type their account number and hear their balance, read from your web service: replace the example address with yours.',
  icon: 'wallet',
  document: starterDocument(
    [
      { id: 'start', kind: 'start', label: 'Incoming call', at: [0, 0] },
      { id: 'answer', kind: 'answer', label: 'Pick up', at: [0, 1] },
      {
        id: 'account',
        kind: 'collectDigits',
        label: 'Ask for the account number',
        at: [0, 2],
        options: {
          prompts: [say('Please type your account number, then press the hash key.')],
          minLength: 4,
          maxLength: 12,
          timeoutSeconds: 10,
          variable: 'account',
        },
      },
      {
        id: 'lookup',
        kind: 'httpLookup',
        label: 'Look up the balance',
        at: [0, 3],
        options: {
          method: 'GET',
          url: 'https://example.com/api/accounts/{{vars.account}}',
          timeoutSeconds: 5,
          fields: [{ variable: 'balance', path: 'balance' }],
        },
      },
      {
        id: 'balance',
        kind: 'play',
        label: 'Say the balance',
        at: [0, 4],
        options: {
          prompts: [say('Your balance is {{vars.balance}} dollars. Thank you for calling. Goodbye.')],
        },
      },
      { id: 'balance-hangup', kind: 'hangup', label: 'Hang up', at: [0, 5] },
      {
        id: 'no-number',
        kind: 'play',
        label: 'No number typed',
        at: [2, 3],
        options: { prompts: [say('Sorry, we did not get your account number. Goodbye.')] },
      },
      { id: 'no-number-hangup', kind: 'hangup', label: 'Hang up', at: [2, 4] },
      {
        id: 'lookup-failed',
        kind: 'play',
        label: 'Lookup failed',
        at: [1, 4],
        options: {
          prompts: [say('Sorry, we cannot find your account right now. Please call again later.')],
        },
      },
      { id: 'lookup-failed-hangup', kind: 'hangup', label: 'Hang up', at: [1, 5] },
      ...errorPath(3, 1),
    ],
    [
      'start.next -> answer',
      'answer.next -> account',
      'account.next -> lookup',
      'account.timeout -> no-number',
      'no-number.next -> no-number-hangup',
      'lookup.success -> balance',
      'lookup.error -> lookup-failed',
      'lookup.timeout -> lookup-failed',
      'lookup-failed.next -> lookup-failed-hangup',
      'balance.next -> balance-hangup',
      ...errorPathWires,
    ],
  ),
};
