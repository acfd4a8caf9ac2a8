export { type CallerAction, FakeChannel } from './testing/FakeChannel.ts';
export { runTestNode, type TestNodeRun } from './testing/runTestNode.ts';
