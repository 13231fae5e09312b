import { AppError } from '../failures/errors';
import type { SettingsBackend } from './settings-backend';
import { settingsFileSchema, type SettingsFile } from './settings-schema';

/** The one way in and out of the settings file: every store and every account goes through it. */
export interface SettingsFileAccess {
  /** The whole file, read and checked again at each call, so a change made by the command line shows at once. */
  read(): SettingsFile;
  /** Replaces the whole file, or refuses the value and writes nothing. */
  write(file: SettingsFile): void;
  /**
   * Runs `work` (synchronous) over one reading of the file: every `read` within it gets the file
   * as read once, or as written within it. Reading and checking the whole file at each access cost
   * ≈ 0.3 ms with 200 accounts, a dozen times per screen answer (issue 36); nothing else of this
   * process can write in between, and the file is read afresh by the next operation.
   */
  readingOnce<T>(work: () => T): T;
}

const isThenable = (value: unknown): boolean => typeof (value as { then?: unknown } | undefined)?.then === 'function';

export function settingsFileAccess(backend: SettingsBackend): SettingsFileAccess {
  // Set while an operation reads the file once; the file as read (or written) within it.
  let operation: { file: SettingsFile | undefined } | undefined;
  const readFile = (): SettingsFile => settingsFileSchema.parse(backend.store);
  return {
    read: () => (operation ? (operation.file ??= readFile()) : readFile()),
    write: (file) => {
      // Whatever builds the value, nothing reaches the file unchecked.
      const checked = settingsFileSchema.safeParse(file);
      if (!checked.success)
        throw new AppError('INVALID_INPUT', checked.error.issues.map((issue) => issue.path.join('.')).join(', '));
      try {
        backend.store = checked.data;
      } catch {
        if (operation) operation.file = undefined;
        throw new AppError('SETTINGS_UNWRITABLE');
      }
      if (operation) operation.file = checked.data;
    },
    readingOnce: (work) => {
      if (operation) return work();
      operation = { file: undefined };
      try {
        const result = work();
        // An await inside would let a write of another operation, or of the command line, go unseen.
        if (isThenable(result)) throw new Error('readingOnce : travail asynchrone refusé');
        return result;
      } finally {
        operation = undefined;
      }
    },
  };
}
