/**
 * The flow catalog: flows and their drafts, immutable versions (with the audio each pinned),
 * publications (which version each extension runs), flow files, and the prompt library. The API, the CLI and the e2e harness change the catalog only through
 * these operations: every write runs in catalogTransaction (the catalog lock), versions are numbered
 * in createVersionFromDraft only, and publish, unpublish, rollback, import and flow deletion write
 * their audit entry in the same transaction, for the actor the caller names. Refusals are
 * CatalogErrors with a code; each caller words them its own way (HTTP answers, CLI lines).
 */
export { CatalogError, type CatalogErrorCode, type CatalogRefusal } from './CatalogError.ts';
export { catalogTransaction } from './catalogTransaction.ts';
export { createFlow, starterDocument } from './createFlow.ts';
export { createVersion } from './createVersion.ts';
export { deleteFlow } from './deleteFlow.ts';
export { duplicateFlow } from './duplicateFlow.ts';
export { exportFlow } from './exportFlow.ts';
export { type FlowReference, findFlow, findFlowByIdOrName, findFlowByReference } from './findFlow.ts';
export { errorProblems, joinPath } from './flowProblems.ts';
export { getFlow, readDraft } from './getFlow.ts';
export { getVersion } from './getVersion.ts';
export { type ImportedFlow, importFlow } from './importFlow.ts';
export { type FlowListPosition, listFlows } from './listFlows.ts';
export { listPublications } from './listPublications.ts';
export { listVersions } from './listVersions.ts';
export { type ParsedFlowDraft, parseFlowDraft } from './parseFlowDraft.ts';
export { createPrompt } from './prompts/createPrompt.ts';
export { deletePrompt } from './prompts/deletePrompt.ts';
export { deletePromptAudio } from './prompts/deletePromptAudio.ts';
export { findPrompt } from './prompts/findPrompt.ts';
export { getPrompt } from './prompts/getPrompt.ts';
export { listPrompts } from './prompts/listPrompts.ts';
export { promptChanges } from './prompts/promptChanges.ts';
export { type LibraryPromptFacts, promptLibrary } from './prompts/promptLibrary.ts';
export { readPromptAudioFile } from './prompts/readPromptAudioFile.ts';
export { type PromptAudioOrigin, setPromptAudio } from './prompts/setPromptAudio.ts';
export type { RunRendering, StaticSpeechOptions } from './prompts/staticSpeech.ts';
export type { AudioToStore } from './prompts/storeAudio.ts';
export { updatePrompt } from './prompts/updatePrompt.ts';
export { type PublishRequest, type PublishResult, type PublishSource, publish } from './publish.ts';
export { type CatalogActor, type CatalogAuditEntry, recordAudit } from './recordAudit.ts';
export { renameFlow } from './renameFlow.ts';
export { rollback } from './rollback.ts';
export { RUNTIME_STATUS_FRESH_MS, runtimeApplied } from './runtimeApplied.ts';
export { saveDraft } from './saveDraft.ts';
export { takeCatalogLock } from './takeCatalogLock.ts';
export { unpublish } from './unpublish.ts';
