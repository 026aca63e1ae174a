import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.HIORDER_SERVER ?? 'http://127.0.0.1:8080';

// The server serves this one build at /admin/ and at /kitchen/; the app picks its mode from the path.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/photos': { target: server, changeOrigin: false },
      '/socket.io': { target: server, ws: true, changeOrigin: false },
    },
  },
});
