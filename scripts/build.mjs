// Builds the three processes: main and preload with esbuild (one CommonJS file each, as the
// sandboxed preload requires), the renderer with Vite; then prints the renderer's gzip size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { esbuildBundles, root } from './bundles.mjs';

await Promise.all((await esbuildBundles()).map((options) => esbuild(options)));
// The module runner loads the config's TypeScript import as it is (the default bundler warns it
// would not work with the future native loader).
await viteBuild({ configFile: join(root, 'vite.config.mts'), configLoader: 'runner', logLevel: 'warn' });

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
const rendererFiles = filesUnder(join(root, 'dist/renderer')).filter((file) => /\.(js|css)$/.test(file));
const gzipBytes = rendererFiles.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
console.log(`renderer (JS + CSS, gzip): ${(gzipBytes / 1024).toFixed(1)} KB`);
