import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Builds the Administration Center into web/dist, which the gateway serves at `/`.
 * `npm run dev -w web` serves it with hot reload and sends /api to a gateway on :3000.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/i18n/test-setup.ts'],
  },
});
