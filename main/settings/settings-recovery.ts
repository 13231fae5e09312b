import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../dates/clock';
import { privateFileMode, restrictToOwner } from '../files/private-files';
import { withoutMachineDestinations } from './machine-only-destinations';
import type { Logger } from '../logging/logger';
import { migrateSettings, type SettingsFile } from './settings-schema';

export type SettingsFileState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'usable'; readonly settings: SettingsFile }
  | { readonly kind: 'recovered'; readonly keptCopy: string };

/** A file name stamp that every file system accepts (no colon, for Windows). */
const fileStamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * Replaces an older file by its migrated form before the store opens it (the store checks the
 * file against the current schema and would refuse the old one), keeping the old one beside it.
 * The new file is written aside then renamed, so a crash leaves one whole file or the other.
 */
function writeMigrated(file: string, settings: SettingsFile, clock: Clock, keptAs = 'avant-migration'): void {
  copyFileSync(file, `${file}.${keptAs}-${fileStamp(clock())}`);
  const next = `${file}.migration`;
  writeFileSync(next, `${JSON.stringify(settings, null, '\t')}\n`, { mode: privateFileMode });
  renameSync(next, file);
}

/**
 * Reads the settings file before the store opens it. A file that cannot be read, parsed, migrated
 * or validated is never wiped: it is renamed to `config.json.corrupt-<time>` and the app starts
 * from defaults, reporting the copy's path.
 */
export function inspectSettingsFile(file: string, clock: Clock, logger: Logger): SettingsFileState {
  if (!existsSync(file)) return { kind: 'absent' };
  // Before any copy is made: copies keep the file's rights.
  restrictToOwner(file);
  let reason: string;
  try {
    // A script or server destination is the machine policy's alone: one written here is taken
    // out, said in the log, and the file kept as it was beside the cleaned one.
    const { cleaned, removed } = withoutMachineDestinations(JSON.parse(readFileSync(file, 'utf8')));
    const outcome = migrateSettings(cleaned);
    if (outcome.kind === 'current') {
      if (removed.length > 0) {
        logger.warn('settings.destinations-refused', {
          count: removed.length,
          where: removed.slice(0, 3).join(', '),
          reason: 'machine-policy-only',
        });
        writeMigrated(file, outcome.settings, clock, 'destinations-refusees');
      } else if (outcome.migrated) writeMigrated(file, outcome.settings, clock);
      return { kind: 'usable', settings: outcome.settings };
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
