// What the runtime needs to execute nodes: the steps, the step context a node sees and the errors it
// may throw. The editor imports the package's main entry only, which holds no step.
export type { NodeStep } from './nodes/NodeStep.ts';
export { nodeSteps } from './nodes/nodeSteps.ts';
export { maxSpokenLength, promptLanguage, promptMedia } from './nodes/promptMedia.ts';
export type { BridgeRequest, CallChannel, DialRequest, RecordRequest } from './runtime/CallChannel.ts';
export { CallEndedError } from './runtime/CallEndedError.ts';
export { CallVariables, maxVariableLength, maxVariablesPerCall } from './runtime/CallVariables.ts';
export type { PromptSource, SpeechRequest } from './runtime/PromptSource.ts';
export { runNode } from './runtime/runNode.ts';
export type { StepContext } from './runtime/StepContext.ts';
export { StepFailure } from './runtime/StepFailure.ts';
export type { SecretSource } from './secrets/SecretSource.ts';
export { type TemplateRenderer, withSecrets } from './secrets/withSecrets.ts';
export { type DeviceState, deviceState } from './values/deviceState.ts';
export { type DialOutcome, dialOutcome } from './values/dialOutcome.ts';
export { type HangupCause, hangupCause } from './values/hangupCause.ts';
