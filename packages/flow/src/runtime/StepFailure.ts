/** An expected failure of a step (Asterisk refused a request, a lookup failed): routed to an error port. */
export class StepFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StepFailure';
  }
}
