import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const server = process.env.HIORDER_SERVER ?? 'http://127.0.0.1:8080';

// The server serves this one build at /admin/ and at /kitchen/; the app picks its mode from the path.
export default defineConfig({
  base: '/admin/',
  // Brotli and gzip copies of every text asset, served as they are by server/src/http/static-files.ts.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(html|js|css|svg|json)$/, threshold: 1024 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
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
