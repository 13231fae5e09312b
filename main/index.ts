// The executable's entry: `--cli` first (the command line, nothing of the window), else the app.
// Only main/index.ts and main/shell/ import Electron at run time.
import { cliArgumentsOf } from './cli/in-app-arguments';
import { runCommandLineInApp } from './shell/command-line-in-app';
import { startWindowedApp } from './shell/windowed-app';

const cliArguments = cliArgumentsOf(process.argv);
if (cliArguments === undefined) startWindowedApp();
else runCommandLineInApp(cliArguments);
