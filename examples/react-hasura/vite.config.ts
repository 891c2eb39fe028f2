import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `dev-source` makes the monorepo's @gatehouse packages resolve to their TypeScript source,
// so the example runs without building them first. Outside the monorepo it does nothing.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['dev-source', ...defaultClientConditions] },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
