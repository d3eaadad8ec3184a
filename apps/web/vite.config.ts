import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server; in development Vite serves the app and forwards REST and sync to it,
// so the browser sees one origin, as it does in production where the server serves dist.
const API_SERVER = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    // Listen on the LAN too: people at the venue join from their phones.
    host: true,
    proxy: {
      '/api': { target: API_SERVER },
      '/sync': { target: API_SERVER, ws: true },
    },
  },
  build: { outDir: 'dist' },
});
