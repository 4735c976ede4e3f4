import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Builds the Administration Center into web/dist, which the gateway serves at `/`.
 * `npm run dev -w web` serves it with hot reload and sends /api to a gateway on :3000.
 * Each page is a chunk of its own (ui/lazy-page.tsx). What every page runs on (React, the
 * router, i18next) is one chunk and TanStack Query another (signed-in pages only): they
 * change only with their versions, so a release of the app's own code leaves them in the
 * browser's cache. Mantine is split by component with the pages that use them: the sign-in
 * page loads a few. docs/ARCHITECTURE.md, "The first load".
 */
const PAGE_LIBRARIES =
  /node_modules[\\/](@tanstack[\\/](table-core|react-table)|react-number-format)[\\/]/;

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/,
            },
            // Only signed-in pages ask the API through TanStack Query.
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/]/ },
            // The libraries the first page needs (the entry's: the sign-in page's Mantine).
            { name: 'first', test: /node_modules/, tags: ['$initial'] },
            // The rest of Mantine and what it runs on, for every signed-in page: one file, not
            // dozens (HTTP/1.1 asks for six at a time). Tables and number inputs stay with
            // the pages that have them.
            { name: 'ui', test: (id) => /node_modules/.test(id) && !PAGE_LIBRARIES.test(id) },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
