export { type CallerAction, FakeChannel } from './testing/FakeChannel.ts';
export { FakePromptSource } from './testing/FakePromptSource.ts';
export { runTestFlow, type TestFlowRun } from './testing/runTestFlow.ts';
export { runTestNode, type TestNodeRun } from './testing/runTestNode.ts';
export { type TestFlowDocument, type TestNode, testFlow } from './testing/testFlow.ts';
