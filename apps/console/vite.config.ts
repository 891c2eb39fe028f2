import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

// Served by the Gatehouse server at /console (packages/server/src/routes/console.ts), so every
// asset URL is absolute under /console/ and the build lands in apps/console/dist.
export const consoleRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: consoleRoot,
  base: '/console/',
  plugins: [react()],
  // The @gatehouse SDK packages are bundled from their source, never from stale build output.
  resolve: { conditions: ['dev-source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: modules, so the server's CSP can stay `script-src 'self'`.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    // CodeMirror alone is ~500 kB; it is split into the Custom JWT page's lazy chunk.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev -w @gatehouse/console` against a server on :3001.
    proxy: { '/api': 'http://localhost:3001', '/oidc': 'http://localhost:3001', '/sign-in': 'http://localhost:3001' },
  },
});
