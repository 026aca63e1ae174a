import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests only: IndexedDB is fake-indexeddb, no server is needed.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
