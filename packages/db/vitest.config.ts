import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Migrations run the Prisma CLI in a child process: seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
