import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The case panel. Built to dist/ and served under /panel/ (local mode, and CloudFront's /panel/*
 * behaviour in AWS). Offline: no CDN, the Arabic typeface is bundled from @fontsource.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/panel/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One JS chunk for the working screens, one CSS file, the font files; the Analytics screen's charts
    // and map (ECharts, ~650 KB, ~215 KB gzipped) load in their own chunk when it opens (decision 0111).
    chunkSizeWarningLimit: 700,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
