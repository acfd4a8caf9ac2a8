export { describeFlowChange } from './document/describeFlowChange.ts';
export { extension } from './document/extension.ts';
export {
  currentSchemaVersion,
  type FlowDocument,
  type FlowDocumentInput,
  type FlowEdge,
  type FlowNode,
  type FlowNodeOf,
  flowDocument,
  flowEdge,
  flowNode,
  nodeId,
} from './document/FlowDocument.ts';
export {
  type ComparedDocument,
  type ComparedNode,
  type FlowChange,
  flowChanges,
} from './document/flowChanges.ts';
export { type FlowExport, flowExport, readFlowFile, toFlowExport } from './document/flowFile.ts';
export { flowJsonSchema } from './document/flowJsonSchema.ts';
export { defaultFlowLanguage, flowLanguages } from './document/flowLanguages.ts';
export { languageName } from './document/languageName.ts';
export { libraryPromptIds } from './document/libraryPromptIds.ts';
export {
  type FlowMigration,
  type FlowMigrationResult,
  flowMigrations,
  migrateFlowDocument,
  schemaVersionProblem,
} from './document/migrateFlowDocument.ts';
export { nestsDeeperThan } from './document/nestsDeeperThan.ts';
export { type DisplayedNode, nodeDisplayName } from './document/nodeDisplayName.ts';
export { portDisplayName } from './document/portDisplayName.ts';
export { speechTexts } from './document/speechTexts.ts';
export { type FieldWidget, languageCode, languageCodePattern } from './nodes/commonOptions.ts';
export { endpointPattern } from './nodes/dial/dial.ts';
export { jsonTextNestsDeeperThan } from './nodes/httpLookup/jsonTextNestsDeeperThan.ts';
export type { AnyNodeKindDefinition, NodeKindDefinition, NodeKindHelp } from './nodes/NodeKindDefinition.ts';
export { type NodeIconName, type NodeKind, nodeKindNames, nodeKinds } from './nodes/nodeKinds.ts';
export { isGenericOutcome, outcomeHelp } from './nodes/outcomeHelp.ts';
export { portWords } from './nodes/portWords.ts';
export {
  libraryPromptIdPattern,
  maxSpeechTextLength,
  type Prompt,
  voicePattern,
} from './nodes/prompts.ts';
export { callLanguageVariable } from './nodes/start/start.ts';
export type { PromptSource, SpeechRequest } from './runtime/PromptSource.ts';
export {
  findSecretReferences,
  type SecretReference,
  secretAllowedAt,
} from './secrets/findSecretReferences.ts';
export { secretName, secretNamespace } from './secrets/secretName.ts';
export {
  type SecretProblemOptions,
  secretProblems,
  unknownSecretProblems,
} from './secrets/secretProblems.ts';
export { blankFlow } from './starters/blankFlow.ts';
export type { StarterFlow, StarterIconName } from './starters/StarterFlow.ts';
export { starterFlows } from './starters/starterFlows.ts';
export { type StepErrorWords, stepErrors } from './stepErrors/stepErrors.ts';
export { renderTemplate } from './templates/renderTemplate.ts';
export { templateReferences } from './templates/templateReferences.ts';
export { describeNode } from './validation/describeNode.ts';
export { FlowGraph, portsOf } from './validation/FlowGraph.ts';
export { type FlowProblem, flowProblem } from './validation/FlowProblem.ts';
export { nodeProblemLead } from './validation/nodeProblemLead.ts';
export type { LibraryPrompts } from './validation/promptProblems.ts';
export { type FlowValidation, type FlowValidationContext, validateFlow } from './validation/validateFlow.ts';
export {
  variableAvailability,
  variablesAvailableAt,
  variablesSetBy,
} from './validation/variablesAvailableAt.ts';
export { type DeviceState, deviceState } from './values/deviceState.ts';
export { type DialOutcome, dialOutcome } from './values/dialOutcome.ts';
export { type HangupCause, hangupCause } from './values/hangupCause.ts';
export {
  type RecordingFormat,
  type RecordingStopKey,
  recordingFormat,
  recordingStopKey,
} from './values/recordingFormat.ts';
