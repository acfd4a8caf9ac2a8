import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** In development the API runs beside Vite; the browser only ever talks to one origin. */
const apiTarget = process.env.CALLFLOW_API_URL ?? 'http://127.0.0.1:3001';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // zod as the browser may run it: without eval (see src/zodWithoutEval.ts).
    alias: [
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/zodWithoutEval.ts', import.meta.url)) },
    ],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // The bundle budget is checked by `npm run -w @callflow/editor bench:bundle`, not by a warning here.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/testing/setupTests.ts'],
  },
});
