// Mutation testing of core's invariant code — ordering, payment, outbox — with the server tests that exercise it:
// `pnpm mutation:core` at the root runs the three scopes of server/mutation-scopes.mjs one after the other
// (`MUTATION_SCOPE=payment pnpm --filter @hiorder/core mutation` runs one). `pnpm mutation` does domain/. Not part
// of `pnpm test` or CI: figures and timings in docs/TESTING.md.
//
// The tests live in server/ and reach core through the workspace link, so Stryker cannot copy core into a sandbox
// (the tests would still import the original files): it mutates the files in place and puts them back at the
// end (also on Ctrl-C; a backup is kept under .stryker-tmp/). Do not edit core/src while a run is going.
import { mutationScope } from '../server/mutation-scopes.mjs';

const scope = mutationScope();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  // Only the scope's test files (vitest's "related" would pull in every server test: they all import the app).
  vitest: { configFile: '../server/vitest.mutation.config.mjs', related: false },
  inPlace: true,
  // Vitest strips types without checking them: no `// @ts-nocheck` needs writing into every file of core.
  disableTypeChecks: false,
  mutate: scope.mutate,
  coverageAnalysis: 'perTest',
  // Two shared cores: one runner by default (`--concurrency 2` on a quiet machine).
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${scope.name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${scope.name}/mutation.json` },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
