import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { migrateSettings, type StoredSettings } from './settings-schema';

export type SettingsFileState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'usable'; readonly settings: StoredSettings; readonly migrated: boolean }
  | { readonly kind: 'recovered'; readonly keptCopy: string };

/** A file name stamp that every file system accepts (no colon, for Windows). */
const fileStamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * Reads the settings file before the store opens it. A file that cannot be read, parsed, migrated
 * or validated is never wiped: it is renamed to `config.json.corrupt-<time>` and the app starts
 * from defaults, reporting the copy's path.
 */
export function inspectSettingsFile(file: string, clock: Clock, logger: Logger): SettingsFileState {
  if (!existsSync(file)) return { kind: 'absent' };
  let reason: string;
  try {
    const outcome = migrateSettings(JSON.parse(readFileSync(file, 'utf8')));
    if (outcome.kind === 'current') {
      return { kind: 'usable', settings: outcome.settings, migrated: outcome.migrated };
    }
    reason = outcome.reason;
  } catch (error) {
    reason = error instanceof SyntaxError ? 'invalid-json' : 'unreadable';
  }
  const keptCopy = `${file}.corrupt-${fileStamp(clock())}`;
  renameSync(file, keptCopy);
  logger.warn('settings.recovered', { reason, keptCopy });
  return { kind: 'recovered', keptCopy };
}
