// What the runtime needs to execute nodes: the step context a node sees and the errors it may throw.
export type {
  BridgeRequest,
  CallChannel,
  DialOutcome,
  DialRequest,
  HangupCause,
  RecordRequest,
} from './runtime/CallChannel.ts';
export { CallEndedError } from './runtime/CallEndedError.ts';
export { CallVariables, maxVariableLength, maxVariablesPerCall } from './runtime/CallVariables.ts';
export { runNode } from './runtime/runNode.ts';
export type { StepContext } from './runtime/StepContext.ts';
export { StepFailure } from './runtime/StepFailure.ts';
export type { SecretSource } from './secrets/SecretSource.ts';
export { type TemplateRenderer, withSecrets } from './secrets/withSecrets.ts';
