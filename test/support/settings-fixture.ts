import type { Clock } from '../../main/dates/clock';
import { createLogger, type LogLine } from '../../main/logging/logger';
import { openConfBackend } from '../../main/settings/conf-backend';
import { openWorkstationStore } from '../../main/settings/workstation-store';
import { selectedSettings } from './selected-account';

export { openConfBackend };

export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);

/** A settings store over a real file, as the CLI and the harness open it. */
export function openTestSettings(directory: string, clock: Clock = fixedClock('2026-11-27T09:30:00Z')) {
  const lines: LogLine[] = [];
  const store = selectedSettings(
    openWorkstationStore(
      directory,
      openConfBackend,
      clock,
      createLogger((line) => lines.push(line)),
    ),
  );
  return { store, lines };
}
