import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: a real server (server/src/main.ts), Debian's Chromium, one file at a time.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
