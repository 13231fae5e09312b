// Builds the three processes: main and preload with esbuild (one CommonJS file each, as the
// sandboxed preload requires), the renderer with Vite; then prints the renderer's gzip size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { contractNames } from './contract-channels.mjs';

const root = new URL('..', import.meta.url).pathname;
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  absWorkingDir: root,
  // keytar is a native module loaded from node_modules (unpacked from the asar in the installer).
  external: ['electron', 'keytar'],
};

await Promise.all([
  esbuild({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.js' }),
  // The command line in two files: `--help` reads only the small one; a command loads the other.
  esbuild({
    ...common,
    entryPoints: ['main/cli.ts'],
    outfile: 'dist/main/cli.js',
    plugins: [
      {
        name: 'cli-commands-apart',
        setup(build) {
          build.onResolve({ filter: /^\.\/cli-commands$/ }, () => ({ path: './cli-commands.js', external: true }));
        },
      },
    ],
  }),
  esbuild({ ...common, entryPoints: ['main/cli-commands.ts'], outfile: 'dist/main/cli-commands.js' }),
  esbuild({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.js',
    define: await contractNames(root).then(({ channelNames, eventNames }) => ({
      CHORUS_CHANNEL_NAMES: JSON.stringify(channelNames),
      CHORUS_EVENT_NAMES: JSON.stringify(eventNames),
    })),
  }),
]);
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
