import { defineConfig } from 'vitest/config';

/**
 * The workers suite runs on SQLite and PostgreSQL, against the real Redis at 127.0.0.1:6379. Files run one at a
 * time: one of them stops and restarts Redis, which must not pull the ground from under another.
 */
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    include: ['src/**/*.test.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', env: { TEST_DATABASE: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', env: { TEST_DATABASE: 'postgres' } } },
    ],
  },
});
