import { defineConfig } from 'vitest/config';

/** Tests that stop shared services or run several server processes: one file at a time, on PostgreSQL. */
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    include: ['src/**/*.exclusive.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    env: { TEST_DATABASE: 'postgres' },
  },
});
