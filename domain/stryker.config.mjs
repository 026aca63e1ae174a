// Mutation testing of the shared domain (`pnpm mutation` at the root): Stryker changes the code one small way
// at a time and runs the tests that cover it; a mutant that no test notices is a rule nobody checks. Slow (see
// the note in docs/ARCHITECTURE.md), so it is not part of `pnpm test` or CI.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // pnpm keeps packages apart: Stryker's core cannot find the runner by its name alone, so it gets the path.
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  mutate: [
    'src/**/*.ts',
    '!src/**/*.test.ts',
    // Fixtures of the domain's own tests, not product code.
    '!src/testing/**',
    // Input limits as numbers (Stryker does not mutate numbers; what is left is the object and the photo MIME
    // list): each limit is checked where a schema uses it (catalog, ordering, identity schema tests).
    '!src/shared/limits.ts',
  ],
  // In-source `// Stryker disable` comments (each with its reason) cover display text and the Socket.IO
  // interface declarations; everything else — rules, schemas with their bounds, refinements and transforms,
  // the lifecycle and the event filters — is mutated.
  // 2 runners on an idle machine; `--concurrency 1` on a shared one.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
