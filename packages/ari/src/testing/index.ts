// Fakes for tests of code that speaks ARI: a fake Asterisk HTTP/WebSocket server and its helpers.
export { AppConnectionBench } from './AppConnectionBench.ts';
export { catchAriError } from './catchAriError.ts';
export * from './eventOrder.ts';
export * from './FakeAriServer.ts';
export * from './fixtures.ts';
export { openFakeAriClient } from './openFakeAriClient.ts';
