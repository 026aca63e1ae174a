import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests only: they never need a server.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
