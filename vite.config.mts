import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from './main/shell/content-security-policy';

/** Writes the app's CSP into the page's <head>, first, from the main process's single list. */
const contentSecurityPolicyMeta = (): Plugin => ({
  name: 'chorus-content-security-policy',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy },
      injectTo: 'head-prepend',
    },
  ],
});

// The renderer only: main and preload are bundled by esbuild (scripts/build.mjs).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [contentSecurityPolicyMeta()],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
