// Seed: the demo store and its photos.
// The public surface of this context: transports import from '@hiorder/core/seed' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { DEMO_PHOTOS_DIR } from './demo-photos';
export { seedDemoStore } from './demo-seed';
export type { SeedResult } from './demo-seed';
