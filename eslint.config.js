// The lint rules of the whole workspace (`pnpm lint` at the root). Type-aware where it catches real bugs (a promise
// nobody awaits, a switch that forgot a case); and the import rules of docs/ARCHITECTURE.md, so the boundaries
// between the parts are enforced, not just drawn.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The contexts of core: each has an index (`@hiorder/core/<context>`), its public surface (core/package.json). */
const CORE_CONTEXTS = [
  'catalog',
  'config',
  'db',
  'history',
  'identity',
  'ordering',
  'outbox',
  'payment',
  'printing',
  'recommendations',
  'scheduling',
  'seed',
  'stats',
  'testing',
];

/** Outside core: a context's index only, never one of its files (the one file entry, BullMQ's publisher, aside). */
const DEEP_CORE_IMPORT = {
  regex: '^@hiorder/core/(?!outbox/bullmq$)[^/]+/',
  message:
    "Import a core context's index ('@hiorder/core/<context>'), not its files; add the name to core/src/<context>/index.ts if it is missing (`node scripts/codemods/core-imports.mjs` rewrites old imports).",
};

/**
 * Inside core: files import each other by relative path, never through an index (their own context's or another's):
 * a barrel in the middle makes import cycles and loads every file of a context for one function.
 */
const CORE_INDEX_IMPORT = [
  {
    regex: `^\\.{1,2}(/\\.\\.)*(/(${CORE_CONTEXTS.join('|')}))?(/index)?$`,
    message: "Inside core, import the file (`../ordering/place-order`), not a context's index.",
  },
  { group: ['@hiorder/core', '@hiorder/core/*'], message: 'Inside core, import the file by relative path, not the package.' },
];

/** What no file of core imports: the transports, the apps, and the web frameworks only transports know. */
const CORE_FORBIDDEN = [
  '@hiorder/server',
  '@hiorder/workers',
  '@hiorder/tablet-app',
  '@hiorder/admin-app',
  '@hiorder/bench',
  'koa',
  'socket.io',
  '@koa/router',
];

/** `no-restricted-imports` patterns: what each package must never import (DESIGN.md "Parts"), and any extra patterns. */
const forbid = (packages, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...packages.map((name) => ({
          group: [name, `${name}/*`],
          message: `${name} is not among this package's allowed imports (docs/ARCHITECTURE.md, "The parts").`,
        })),
        ...extra,
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dev-dist/**',
      '**/coverage/**',
      '**/reports/**',
      '**/.stryker-tmp/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false, arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tests, scripts, benchmarks and the operator's entry points may write to the console.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/e2e/**', 'bench/**', '**/scripts/**', '**/testing/**', '**/test/**', '**/*.config.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
  {
    files: ['tablet-app/src/**', 'admin-app/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // The import rules of the parts.
  {
    files: ['domain/**'],
    rules: forbid([
      '@hiorder/core',
      '@hiorder/server',
      '@hiorder/workers',
      '@hiorder/tablet-app',
      '@hiorder/admin-app',
      '@hiorder/bench',
      'node:*',
      '@mikro-orm/core',
      'react',
    ]),
  },
  {
    files: ['core/**'],
    rules: forbid(CORE_FORBIDDEN, CORE_INDEX_IMPORT),
  },
  // Payment depends on ordering, never back: ordering settles nothing itself, payment moves the order through
  // ordering's commands (settle-payment.ts → change-order-status.ts), and ordering learns of payments by the order's
  // own columns and the outbox's events.
  {
    files: ['core/src/ordering/**'],
    rules: forbid(CORE_FORBIDDEN, [
      ...CORE_INDEX_IMPORT,
      {
        regex: '^(\\.\\./)+payment(/|$)',
        message: 'Ordering must not import payment: payment depends on ordering, never back (docs/ARCHITECTURE.md).',
      },
    ]),
  },
  {
    files: ['server/**'],
    rules: forbid(['@hiorder/workers', '@hiorder/tablet-app', '@hiorder/admin-app', '@hiorder/bench'], [DEEP_CORE_IMPORT]),
  },
  // Workers, their tests included, drive core directly (core/src/testing/test-core.ts): nothing in workers/ imports server/.
  {
    files: ['workers/**'],
    rules: forbid(['@hiorder/server', '@hiorder/tablet-app', '@hiorder/admin-app', '@hiorder/bench'], [DEEP_CORE_IMPORT]),
  },
  { files: ['bench/**'], rules: forbid([], [DEEP_CORE_IMPORT]) },
  {
    files: ['tablet-app/**', 'admin-app/**'],
    ignores: ['**/e2e/**'],
    rules: forbid(['@hiorder/core', '@hiorder/server', '@hiorder/workers', '@hiorder/bench', '@mikro-orm/*']),
  },
  { files: ['tablet-app/**/e2e/**', 'admin-app/**/e2e/**'], rules: forbid([], [DEEP_CORE_IMPORT]) },
  prettier,
);
