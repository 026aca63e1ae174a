// Testing: a throwaway database per test file, on SQLite or PostgreSQL (tests only).
// The public surface of this context: transports import from '@hiorder/core/testing' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
