/**
 * The words shown for an outcome port wherever a kind does not say better (its `portLabel`): on the
 * canvas, in the call story and in help. Keys are the port names kinds use.
 */
export const portWords: Readonly<Record<string, string>> = {
  next: 'Next',
  error: 'Failed',
  timeout: 'No key pressed',
  invalid: 'Wrong key',
  success: 'Success',
  answered: 'Answered',
  busy: 'Busy',
  noanswer: 'No answer',
  unavailable: 'Unavailable',
  failed: 'Could not call',
  true: 'Yes',
  false: 'No',
  open: 'Open',
  closed: 'Closed',
};
