/**
 * The API's contract for clients (the browser editor first): every endpoint (method, path, role,
 * schemas of its parameters, body and answers) in one table, and the zod schemas with their types.
 * The API implements these very endpoints, parses requests with their schemas and generates its
 * OpenAPI document from them, so a client parsing with them checks exactly what the API promises.
 * Only `zod` and `@callflow/flow` may be imported here: this runs in the browser.
 */
export * from './asteriskContract.ts';
export * from './auditContract.ts';
export * from './callContract.ts';
export * from './endpoints/asteriskEndpoints.ts';
export * from './endpoints/callEndpoints.ts';
export * from './endpoints/Endpoint.ts';
export * from './endpoints/endpoints.ts';
export * from './endpoints/endpointUrl.ts';
export * from './endpoints/flowEndpoints.ts';
export * from './endpoints/flowParams.ts';
export * from './endpoints/mediaEndpoints.ts';
export * from './endpoints/metaEndpoints.ts';
export * from './endpoints/promptEndpoints.ts';
export * from './endpoints/publicationEndpoints.ts';
export * from './endpoints/recordingEndpoints.ts';
export * from './endpoints/runtimeEndpoints.ts';
export * from './endpoints/secretEndpoints.ts';
export * from './endpoints/sessionEndpoints.ts';
export * from './endpoints/userEndpoints.ts';
export * from './errorContract.ts';
export * from './flowContract.ts';
export * from './flowImportContract.ts';
export * from './flowNameCandidates.ts';
export * from './metaContract.ts';
export * from './pagination.ts';
export * from './promptContract.ts';
export * from './publicationContract.ts';
export * from './recordingContract.ts';
export * from './runtimeContract.ts';
export * from './secretContract.ts';
export * from './sessionContract.ts';
export * from './soundContract.ts';
export * from './suggestFlowName.ts';
export * from './userContract.ts';
export * from './versionContract.ts';
