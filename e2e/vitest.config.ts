import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // lib/: unit tests of the shared helpers (no Asterisk, no browser).
    include: ['calls/**/*.e2e.test.ts', 'browser/**/*.e2e.test.ts', 'lib/**/*.test.ts'],
    // One Asterisk, one set of SIP ports: test files run one after the other.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
