import { defineConfig } from 'vitest/config';

/**
 * The server suite runs twice: on SQLite (the embedded default) and on PostgreSQL (127.0.0.1:5432, database
 * `test` is only used to create and drop a throwaway database per test file). Files named
 * `*.exclusive.test.ts` stop shared services (PostgreSQL) or drive several server processes: they run alone,
 * afterwards, with `vitest.exclusive.config.ts`, so they can't break the files running beside them.
 */
export default defineConfig({
  test: {
    // Bounds against a hang, not budgets: on a 2-core box shared with other builds the property tests and sweeps
    // took over a minute on PostgreSQL; a hanging test still fails, with its name, after three.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.exclusive.test.ts', '**/node_modules/**'],
    projects: [
      { extends: true, test: { name: 'sqlite', env: { TEST_DATABASE: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', env: { TEST_DATABASE: 'postgres' } } },
    ],
  },
});
