export { generateWithFfmpeg } from './generateWithFfmpeg.ts';
export {
  makeTestAudio,
  type TestAudioFormat,
  type TestAudioSegment,
  type TestAudioSpec,
} from './makeTestAudio.ts';
export { measureLoudness } from './measureLoudness.ts';
export { rejectionOf } from './rejectionOf.ts';
