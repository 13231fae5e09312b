import { defineConfig } from 'vite';

// The renderer only: main and preload are bundled by esbuild (scripts/build.mjs).
export default defineConfig({
  root: 'renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
