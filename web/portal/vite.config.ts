import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The citizens' portal. Built to dist/ and served at / (local mode, and CloudFront's default behaviour
 * in AWS). The first screen's JavaScript must stay under 100 KB gzip (bench/portal-bundle.ts measures
 * it): every other screen, the map (MapLibre) and the photo tools are separate chunks loaded on demand.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // public/sw.js precaches every file this manifest lists, so each screen opens offline.
    manifest: true,
    // MapLibre alone is ~800 KB (~220 KB gzip); it is lazy, so only its own chunk is that large.
    chunkSizeWarningLimit: 1100,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
