import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['calls/**/*.e2e.test.ts', 'browser/**/*.e2e.test.ts'],
    // One Asterisk, one set of SIP ports: test files run one after the other.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
