import { type PromptMedia, promptMediaFrom } from '../src/services/prompts/PromptMedia.ts';

/**
 * The prompt library's media for tests that build ApiServices by hand and use no prompt route:
 * espeak-ng, a sounds folder that does not exist, one job at a time.
 */
export function testPromptMedia(): PromptMedia {
  return promptMediaFrom(
    {
      CALLFLOW_ASTERISK_SOUNDS_DIR: '/nonexistent/callflow-test-sounds',
      CALLFLOW_ASTERISK_ROOT: '/',
      CALLFLOW_AUDIO_JOBS: 1,
    },
    {},
  );
}
