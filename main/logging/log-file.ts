import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFields, LogLine } from './logger';
import { ensurePrivateFolder, privateFileMode, restrictFolderToOwner, restrictToOwner } from '../files/private-files';

export const logFolderName = 'journaux';
export const logFileName = 'chorus-pro-echanges.log';
const maxBytes = 1024 * 1024;
const keptFiles = 3;

const sensitiveKey = /pass|secret|token|authori[sz]ation|cpro-account|cookie/i;

/** Defence in depth: callers log codes and counts only, but a sensitive-looking field is masked. */
export function redact(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      sensitiveKey.test(key) || (typeof value === 'string' && /bearer\s/i.test(value)) ? '[masqué]' : value,
    ]),
  );
}

/**
 * The support log in the user-data folder: one JSON line per event, 1 MB per file, the last
 * three kept (.log, .1.log, .2.log). Written synchronously so that the last line before a crash
 * is on disk; the app logs a few lines a day.
 */
export function createLogFileSink(userDataDir: string, clock: () => Date = () => new Date()): (line: LogLine) => void {
  const folder = join(userDataDir, logFolderName);
  const file = join(folder, logFileName);
  const rotate = (): void => {
    for (let index = keptFiles - 1; index >= 1; index -= 1) {
      const from = index === 1 ? file : join(folder, logFileName.replace('.log', `.${index - 1}.log`));
      if (existsSync(from)) renameSync(from, join(folder, logFileName.replace('.log', `.${index}.log`)));
    }
  };
  let closedOnce = false;
  return (line) => {
    try {
      if (!closedOnce) {
        // 0.1.0 made the folder 0755 and its files 0644: closed at the first line written.
        closedOnce = true;
        restrictFolderToOwner(folder);
        for (let index = 0; index < keptFiles; index += 1)
          restrictToOwner(index === 0 ? file : join(folder, logFileName.replace('.log', `.${index}.log`)));
      }
      ensurePrivateFolder(folder);
      if (existsSync(file) && statSync(file).size > maxBytes) rotate();
      appendFileSync(
        file,
        `${JSON.stringify({ time: clock().toISOString(), level: line.level, event: line.event, ...redact(line.fields) })}\n`,
        { mode: privateFileMode },
      );
    } catch {
      // A log that cannot be written must never stop the app.
    }
  };
}
