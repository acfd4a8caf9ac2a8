/**
 * The API's contract for clients (the browser editor first): the zod schemas of request bodies and
 * responses, and their types. The routes use these very schemas to parse requests and to generate
 * the OpenAPI document, so a client parsing with them checks exactly what the API promises. Only
 * `zod` and `@callflow/flow` may be imported here: this runs in the browser.
 */
export * from './callContract.ts';
export * from './errorContract.ts';
export * from './flowContract.ts';
export * from './publicationContract.ts';
export * from './recordingContract.ts';
export * from './runtimeContract.ts';
export * from './secretContract.ts';
export * from './sessionContract.ts';
export * from './soundContract.ts';
export * from './userContract.ts';
export * from './versionContract.ts';
