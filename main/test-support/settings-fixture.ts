import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { createLogger, type LogLine } from '../logger';
import { openConfBackend } from '../settings/conf-backend';
import { openSettingsStore } from '../settings/settings-store';

export { openConfBackend };

export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);

export function tempDir(prefix = 'chorus-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A settings store over a real file, as the CLI and the harness open it. */
export function openTestSettings(directory: string, clock: Clock = fixedClock('2026-11-27T09:30:00Z')) {
  const lines: LogLine[] = [];
  const store = openSettingsStore(directory, openConfBackend, clock, createLogger((line) => lines.push(line)));
  return { store, lines };
}
