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
    // Small enough to inline nothing clever: one JS chunk, one CSS file, the font files.
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
