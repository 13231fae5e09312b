// The version this build carries (package.json's, inlined by the bundler): what a fleet member
// reports in its status, the same under the installed app and the plain command line.
import packageJson from '../package.json' with { type: 'json' };

export const appVersion: string = packageJson.version;
