// The lint rules of the whole workspace (`pnpm lint` at the root). Type-aware where it catches real bugs (a promise
// nobody awaits, a switch that forgot a case); and the import rules of docs/ARCHITECTURE.md, so the boundaries
// between the parts are enforced, not just drawn.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns: what each package must never import (DESIGN.md "Parts"). */
const forbid = (...packages) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: packages.map((name) => ({
        group: [name, `${name}/*`],
        message: `${name} is not among this package's allowed imports (docs/ARCHITECTURE.md, "The parts").`,
      })),
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
    rules: forbid(
      '@hiorder/core',
      '@hiorder/server',
      '@hiorder/workers',
      '@hiorder/tablet-app',
      '@hiorder/admin-app',
      '@hiorder/bench',
      'node:*',
      '@mikro-orm/core',
      'react',
    ),
  },
  {
    files: ['core/**'],
    rules: forbid(
      '@hiorder/server',
      '@hiorder/workers',
      '@hiorder/tablet-app',
      '@hiorder/admin-app',
      '@hiorder/bench',
      'koa',
      'socket.io',
      '@koa/router',
    ),
  },
  { files: ['server/**'], rules: forbid('@hiorder/workers', '@hiorder/tablet-app', '@hiorder/admin-app', '@hiorder/bench') },
  // The workers' tests start a real server to produce events (a dev dependency); their production code never does.
  {
    files: ['workers/src/**'],
    ignores: ['workers/src/**/*.test.ts', 'workers/src/testing/**'],
    rules: forbid('@hiorder/server', '@hiorder/tablet-app', '@hiorder/admin-app', '@hiorder/bench'),
  },
  {
    files: ['tablet-app/**', 'admin-app/**'],
    ignores: ['**/e2e/**'],
    rules: forbid('@hiorder/core', '@hiorder/server', '@hiorder/workers', '@hiorder/bench', '@mikro-orm/*'),
  },
  prettier,
);
