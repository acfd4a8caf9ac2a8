import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests run the real ffmpeg and espeak-ng on a machine that may be busy: seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
