import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { routePreload } from './build/routePreload.ts';
import { PLAN_PAGE } from './src/pageAddresses.ts';

// The API server; in development Vite serves the app and forwards REST and sync to it,
// so the browser sees one origin, as it does in production where the server serves dist.
const API_SERVER = 'http://localhost:8080';

export default defineConfig({
  plugins: [
    react(),
    // A plan's address fetches the plan page's and the editor's code with the entry's.
    routePreload([
      {
        path: PLAN_PAGE,
        modules: ['src/features/plan/PlanPage.tsx', 'src/features/plan/SectionEditor.tsx'],
      },
    ]),
    // A Workbox service worker keeps the app shell and its assets on the device, so the
    // app opens at the venue when the access point is down. A new deployment waits for
    // the person's "Reload" (UpdatePrompt), so no page runs a mix of two versions.
    VitePWA({
      registerType: 'prompt',
      // Registered from UpdatePrompt, which also shows the new-version prompt.
      injectRegister: false,
      manifest: {
        name: 'Plenary',
        short_name: 'Plenary',
        description: 'Draft a national plan together, live, in the room and offline.',
        theme_color: '#1f3a5f',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [],
      },
      workbox: {
        // The whole shell: scripts (the lazy plan and projector pages too), styles, and the
        // Noto fonts, so Khmer renders offline.
        globPatterns: ['**/*.{js,css,html,woff2,svg}'],
        // The plan page's chunk carries the editor; it must be there offline too.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // Every page address opens the app; the API and the sync socket are never cached:
        // the server's answer is the truth, and the plan itself is kept in IndexedDB.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/sync(\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    // Listen on the LAN too: people at the venue join from their phones.
    host: true,
    proxy: {
      '/api': { target: API_SERVER },
      '/sync': { target: API_SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    // React, ReactDOM and the scheduler in one chunk: every page loads all three, and left
    // to itself the bundler splits React from ReactDOM by which lazy modules import each.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
