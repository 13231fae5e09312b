// « Désinstaller et effacer »: everything the app keeps for this user on this workstation, forgotten
// in one use case over a list of parts. A later part (a token cache, a fleet's keys, the
// destinations of a password) is one more entry in workstation-parts.ts.
import type { DailyCheckState, ScheduleChange } from '../schedule/daily-check-schedule';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkstationStore } from '../settings/workstation-store';

/** What a part may need to find and remove what it keeps. */
export interface ForgetContext {
  readonly userDataDir: string;
  readonly workstation: WorkstationStore;
  readonly secrets: SecretStore;
  /** This user's daily check in the Task Scheduler: the schedule's own removal (it knows the task's name). */
  readonly dailyCheck: { remove(): Promise<ScheduleChange> };
  /** The publisher's daily fleet report in the Task Scheduler, the same way (issue 32). */
  readonly fleetReport: { status(): Promise<DailyCheckState>; remove(): Promise<ScheduleChange> };
}

/** One kind of thing the app keeps: what it is, and how it goes. */
export interface ForgetPart {
  readonly name: string;
  /** What would be removed, in French, for the preview (`forget --all` without --confirm); empty when there is nothing of it. */
  describe(context: ForgetContext): Promise<string>;
  /** Removes it all; says, in French, what was removed (or that there was nothing). Idempotent. */
  forget(context: ForgetContext): Promise<string>;
}

export interface ForgetReport {
  /** Each part done, in order, with what it said. */
  readonly done: readonly { readonly part: string; readonly said: string }[];
  /** The part that failed, if one did: the parts after it were not touched. */
  readonly failed?: { readonly part: string; readonly error: unknown };
  readonly notDone: readonly string[];
}

/**
 * Forgets every part, in order, stopping at the first that fails: the parts after it stay as they
 * were, and running it again finishes the work (each part is idempotent). The settings go last, so
 * that until then they still say what the workstation holds.
 */
export async function forgetWorkstation(parts: readonly ForgetPart[], context: ForgetContext): Promise<ForgetReport> {
  const done: { part: string; said: string }[] = [];
  for (const [index, part] of parts.entries()) {
    try {
      done.push({ part: part.name, said: await part.forget(context) });
    } catch (error) {
      return { done, failed: { part: part.name, error }, notDone: parts.slice(index + 1).map((later) => later.name) };
    }
  }
  return { done, notDone: [] };
}

/** What each part would remove, in order: the preview before anything is touched. */
export async function describeForgetting(
  parts: readonly ForgetPart[],
  context: ForgetContext,
): Promise<readonly { readonly part: string; readonly what: string }[]> {
  const described: { part: string; what: string }[] = [];
  for (const part of parts) described.push({ part: part.name, what: await part.describe(context) });
  return described;
}
