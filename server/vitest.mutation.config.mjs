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
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE: 'sqlite' },
    include: mutationScope().tests,
  },
});
