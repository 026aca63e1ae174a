import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: a real server (server/src/main.ts), a real Chromium, one file at a time.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
