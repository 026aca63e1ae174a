import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { mutationScope } from './mutation-scopes.mjs';

/**
 * The server tests that `pnpm mutation:core` (core/stryker.config.mjs) runs against mutants of core's ordering,
 * payment or outbox code (server/mutation-scopes.mjs): SQLite only, one file at a time. PostgreSQL runs the
 * same tests in `pnpm test`.
 */
export default defineConfig({
  // Stryker starts in core/: the test paths are the server's.
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Stryker runs in its copy of core (its sandbox, the current directory): core's modules are read from there, so the
  // tests meet the mutants. Outside Stryker the current directory is core/ itself.
  resolve: { alias: [{ find: /^@hiorder\/core\/(.*)$/, replacement: `${process.cwd()}/src/$1` }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE: 'sqlite' },
    include: mutationScope().tests,
  },
});
