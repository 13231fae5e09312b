// The places that keep their own copy of an account's technical password (issue 33), as the
// screen and the command line show them. Plain TypeScript, shared by main and the renderer.

/**
 * One place that keeps its own copy of the technical password (issue 33): a line of the manual
 * checklist, or a script or server destination of the machine policy.
 */
export interface DestinationView {
  readonly name: string;
  readonly kind: 'manual' | 'script' | 'server';
  /**
   * done: à jour; failed: en échec; todo: à faire (manual, not confirmed; a machine destination
   * not tried for this password); waiting: nothing to do until Chorus Pro accepts a new password.
   */
  readonly state: 'done' | 'failed' | 'todo' | 'waiting';
  /** When it was brought up to date, or last tried. */
  readonly at?: string;
  /** Why it failed, in French. */
  readonly message?: string;
  /** What a script printed, its secrets masked. */
  readonly output?: string;
}

/** The places that keep a copy of an account's password, and whether local programs may use it. */
export interface ExchangeView {
  readonly destinations: readonly DestinationView[];
  /** The stored password was accepted by Chorus Pro: only then are its copies made. */
  readonly passwordAccepted: boolean;
  /** When the current password was pushed; absent before its first push. */
  readonly pushedAt?: string;
  /** « Autoriser les scripts de ce poste à utiliser ce compte ». */
  readonly allowPrograms: boolean;
  /** Why local programs may not use it whatever the account says (the machine policy), in French. */
  readonly programsForbidden?: string;
  /** The machine policy is there but cannot be used: why, in French. */
  readonly policyRefusal?: string;
  /** Another workstation (the fleet's publisher) pushes this account's password. */
  readonly pushedElsewhere?: true;
}

/** How long a password copied for a destination stays on the clipboard, if nothing replaced it. */
export const clipboardClearSeconds = 60 as const;
