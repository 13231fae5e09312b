// The command line's entry. `--help` prints the usage with nothing else loaded: no HTTP client, no
// keychain, no zod. Anything else (no command at all included: bad usage, exit 2) loads the rest
// (cli-commands.ts), compiled once and then read from Node's compile cache (cli/compile-cache.ts).
import type * as CliCommands from './cli-commands';
import { enableCommandCompileCache } from './cli/compile-cache';
import { usage } from './cli/usage';

// Output cut short (`cli.js status | head -1`): a closed pipe ends the output quietly, not with a
// stack; the command itself still runs to its end and its exit status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
  process.stdout.write(`${usage.join('\n')}\n`);
} else {
  // Before the commands' file is loaded: its compiled code comes from the cache after the first run.
  enableCommandCompileCache(args, process.env);
  // require, not import(): Node scans a CommonJS file reached by import() for its export names
  // (cjs-module-lexer), which took as long as running the whole command (node --cpu-prof).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCommands } = require('./cli-commands') as typeof CliCommands;
  runCommands(args);
}
