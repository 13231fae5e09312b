import { join } from 'node:path';
import type { Options } from 'conf';
import type { Clock } from '../dates/clock';
import { ensurePrivateFolder, privateFileMode } from '../files/private-files';
import type { Logger } from '../logging/logger';
import { inspectSettingsFile } from './settings-recovery';
import { defaultSettingsFile, type SettingsFile } from './settings-schema';

/** What electron-store (in the app) and conf (under Node) have in common for us. */
export interface SettingsBackend {
  store: SettingsFile;
  readonly path: string;
}
export type OpenSettingsBackend = (options: Options<SettingsFile>) => SettingsBackend;

export const settingsFileName = 'config.json';

/**
 * One set of options for both backends: one file, one format. No JSON schema for conf: compiling
 * it (and the JSON-Schema meta-schema with it) cost ≈ 34 ms at every start, and zod already checks
 * the data on every read and every write (settings-file.ts), the file before it opens
 * (settings-recovery.ts).
 */
export function settingsBackendOptions(directory: string): Options<SettingsFile> {
  return {
    cwd: directory,
    configName: 'config',
    defaults: defaultSettingsFile,
    // conf's own recovery wipes the file silently; ours keeps a copy (settings-recovery.ts).
    clearInvalidConfig: false,
    configFileMode: privateFileMode,
    accessPropertiesByDotNotation: false,
    watch: false,
  };
}

export interface OpenedSettingsBackend {
  readonly backend: SettingsBackend;
  /** Set in the run that found the file unusable: where the unusable file was kept. */
  readonly recoveredFrom: string | undefined;
}

/**
 * Opens the settings file in `directory` once an unusable or older file was dealt with: the backend
 * checks nothing itself, so what it opens must already be a current, valid file or none.
 */
export function openRecoveredBackend(
  directory: string,
  openBackend: OpenSettingsBackend,
  clock: Clock,
  logger: Logger,
): OpenedSettingsBackend {
  ensurePrivateFolder(directory);
  const state = inspectSettingsFile(join(directory, settingsFileName), clock, logger);
  const backend = openBackend(settingsBackendOptions(directory));
  return { backend, recoveredFrom: state.kind === 'recovered' ? state.keptCopy : undefined };
}
