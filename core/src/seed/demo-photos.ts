import { resolve } from 'node:path';

/**
 * The demo menu's photos, beside this module: core/src/seed/photos from the sources, dist/photos in the server's
 * bundle (server/scripts/build.mjs copies them there, where the bundled module runs).
 */
export const DEMO_PHOTOS_DIR = resolve(import.meta.dirname, 'photos');
