/** Thrown by channel operations once the caller is gone; the engine ends the call on it. */
export class CallEndedError extends Error {
  constructor(channelId: string) {
    super(`channel ${channelId} hung up`);
    this.name = 'CallEndedError';
  }
}
