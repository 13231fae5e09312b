// The esbuild bundles of main/ and preload/, one CommonJS file each: what `npm run build` writes
// into dist/, and what scripts/shipped-packages.test.ts reads the packages of (esbuild's metafile).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  absWorkingDir: root,
  // keytar is a native module loaded from node_modules (unpacked from the asar in the installer).
  // supports-color is debug's optional extra (axios → https-proxy-agent → debug), required in a
  // try/catch: left out, debug goes without colours, and nothing ships that npm does not count as
  // a production dependency (scripts/shipped-packages.test.ts).
  external: ['electron', 'keytar', 'supports-color'],
};

/**
 * The command line loads only what its commands use (measured with node --cpu-prof: compiling the
 * bundle was the largest part of `test` after Node's own start). Each module replaced here is
 * reached by a library at load time only; what replaces it throws if it is ever called, so a
 * change that starts to need it fails loudly in the tests instead of going wrong quietly.
 * - zod's 64 locales: the app never switches zod's language (its messages are its own, in French);
 *   zod's English default stays;
 * - ajv, ajv-formats, semver: conf uses them only for a JSON schema or migrations, and we give it
 *   neither (main/settings/settings-backend.ts: zod checks the file);
 * - axios's fetch adapter: it probes `fetch` at load, which loads Node's undici; we use the http one;
 * - form-data (and mime-db with it): axios's multipart bodies; ours are text;
 * - http2: axios's HTTP/2 transport, which we never ask for (≈ 11 ms to load);
 * - axios reads the global `FormData` at load, which loads Node's undici (≈ 30 ms of 200 in a
 *   profile of the bundle's load); it still recognises a FormData by its tag without it.
 * age-encryption (a third of what was left) is its own file, loaded only by a profile's secrets;
 * PKI.js likewise (main/destinations/cms-envelope.ts), loaded only to push to a server destination;
 * iconv-lite's code pages too (main/windows/console-text.ts), loaded only for a Windows console's
 * output that is not UTF-8: they were half of the commands' file (552 of 2065 KB), which V8 parsed
 * at every command even though the require stayed in a function (issue 36).
 */
const neverCalled = (what) =>
  `throw new Error(${JSON.stringify(`${what} : absent de la ligne de commande (scripts/build.mjs)`)});`;
const commandLineStandIns = {
  name: 'command-line-stand-ins',
  setup(build) {
    const standIn = (filter, importerFilter, contents) => {
      build.onResolve({ filter }, (args) =>
        importerFilter.test(args.importer)
          ? { path: args.path, namespace: 'stand-in', pluginData: contents }
          : undefined,
      );
    };
    standIn(
      /^\.\.\/locales\/index\.js$/,
      /node_modules[\\/]zod[\\/]/,
      `export { default as en } from ${JSON.stringify(join(root, 'node_modules/zod/v4/locales/en.js'))};`,
    );
    standIn(
      /^ajv\/dist\/2020\.js$/,
      /node_modules[\\/]conf[\\/]/,
      `export class Ajv2020 { constructor() { ${neverCalled('ajv')} } }`,
    );
    standIn(
      /^ajv-formats$/,
      /node_modules[\\/]conf[\\/]/,
      `export default { default() { ${neverCalled('ajv-formats')} } };`,
    );
    standIn(
      /^semver$/,
      /node_modules[\\/]conf[\\/]/,
      `const refuse = () => { ${neverCalled('semver')} }; export default { eq: refuse, clean: refuse, satisfies: refuse, lte: refuse, gt: refuse };`,
    );
    standIn(
      /^\.\/fetch\.js$/,
      /node_modules[\\/]axios[\\/]lib[\\/]adapters[\\/]/,
      `export const getFetch = () => { ${neverCalled("l'adaptateur fetch d'axios")} }; export default undefined;`,
    );
    standIn(
      /^http2$/,
      /node_modules[\\/]axios[\\/]/,
      `export default new Proxy({}, { get() { ${neverCalled('http2')} } });`,
    );
    standIn(
      /^form-data$/,
      /node_modules[\\/]axios[\\/]/,
      `export default class FormData { constructor() { ${neverCalled('form-data')} } }`,
    );
    const eagerFormData = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
    build.onLoad({ filter: /node_modules[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(eagerFormData))
        throw new Error(`${args.path} a changé : revoir commandLineStandIns (scripts/build.mjs)`);
      return { contents: source.replace(eagerFormData, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
    build.onResolve({ filter: /^age-encryption$/ }, () => ({ path: './age-encryption.js', external: true }));
    build.onResolve({ filter: /^pkijs$/ }, () => ({ path: './pkijs.js', external: true }));
    build.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: './iconv-lite.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({
      contents: args.pluginData,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/** Every esbuild bundle of dist/, as options for esbuild's build(). */
export const esbuildBundles = async () => [
  { ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.js' },
  // The command line in two files: `--help` reads only the small one; a command loads the other.
  {
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
  },
  {
    ...common,
    entryPoints: ['main/cli-commands.ts'],
    outfile: 'dist/main/cli-commands.js',
    plugins: [commandLineStandIns],
  },
  {
    ...common,
    stdin: { contents: "export * from 'age-encryption';", resolveDir: root, sourcefile: 'age-encryption.js' },
    outfile: 'dist/main/age-encryption.js',
  },
  {
    ...common,
    stdin: { contents: "export * from 'pkijs';", resolveDir: root, sourcefile: 'pkijs.js' },
    outfile: 'dist/main/pkijs.js',
  },
  {
    ...common,
    stdin: { contents: "module.exports = require('iconv-lite');", resolveDir: root, sourcefile: 'iconv-lite.js' },
    outfile: 'dist/main/iconv-lite.js',
  },
  // The installed command line's secret window (main/shell/secret-prompt-window.ts): its own preload.
  { ...common, entryPoints: ['preload/secret-prompt.ts'], outfile: 'dist/preload/secret-prompt.js' },
  { ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.js' },
];
