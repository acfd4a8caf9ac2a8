import type { SecretSource } from '../secrets/SecretSource.ts';
import type { CallChannel } from './CallChannel.ts';
import type { CallVariables } from './CallVariables.ts';
import type { PromptSource } from './PromptSource.ts';

/** The narrow world a node's runtime step sees. */
export interface StepContext {
  readonly nodeId: string;
  readonly channel: CallChannel;
  readonly variables: CallVariables;
  /** Aborted when the caller hangs up: long waits that are not channel operations listen to it. */
  readonly signal: AbortSignal;
  now(): Date;
  /** fetch as allowed for HTTP lookups (the runtime may restrict hosts). */
  fetch: typeof fetch;
  /** The credentials store, for HTTP lookup header values only (renderWithSecrets); absent: none configured. */
  readonly secrets?: SecretSource;
  /** The call's library prompts and text-to-speech, as media URIs. */
  readonly prompts: PromptSource;
  /** Records an expected problem on the step (shown in the call log). */
  reportError(message: string): void;
}
