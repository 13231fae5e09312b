import { AppError } from '../failures/errors';
import type { SettingsBackend } from './settings-backend';
import { settingsFileSchema, type SettingsFile } from './settings-schema';

/** The one way in and out of the settings file: every store and every account goes through it. */
export interface SettingsFileAccess {
  /** The whole file, read and checked again at each call, so a change made by the command line shows at once. */
  read(): SettingsFile;
  /** Replaces the whole file, or refuses the value and writes nothing. */
  write(file: SettingsFile): void;
}

export function settingsFileAccess(backend: SettingsBackend): SettingsFileAccess {
  return {
    read: () => settingsFileSchema.parse(backend.store),
    write: (file) => {
      // Whatever builds the value, nothing reaches the file unchecked.
      const checked = settingsFileSchema.safeParse(file);
      if (!checked.success) throw new AppError('INVALID_INPUT', checked.error.issues.map((issue) => issue.path.join('.')).join(', '));
      try {
        backend.store = checked.data;
      } catch {
        throw new AppError('SETTINGS_UNWRITABLE');
      }
    },
  };
}
