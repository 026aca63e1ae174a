// Testing (tests only): a throwaway database per test file, on SQLite or PostgreSQL; the core without its transports
// (`createTestCore`, what the workers' tests drive); store fixtures and a virtual printer shared by the server's and
// the workers' tests.
// The public surface of this context: transports import from '@hiorder/core/testing' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { actorOfToken, authorizeInSandbox, createTestCore, idemKey, tableActorOf } from './test-core';
export type { TestCore, TestCoreOptions } from './test-core';
export { buildStore, pairKitchen, pairTablet } from './store-fixture';
export type { FixtureHost, MenuSpec, StoreFixture } from './store-fixture';
export { VirtualPrinter } from './virtual-printer';
