import type { WorkstationStore } from '../settings/workstation-store';

/**
 * The account the window shows, kept in memory: the settings file's `selectedAccount` only sets it
 * at start. The command line choosing another default (`account select`, `import-profile`) while
 * the window is open does not switch the window; choosing one in the window saves it as the
 * default for the next start.
 */
export interface WindowAccount {
  /**
   * The account shown now. One renamed or removed elsewhere (the command line) no longer exists:
   * the window then shows the file's default, as at start.
   */
  readonly name: () => string;
  /** Another account shown, and saved as the default for the next start. */
  readonly select: (name: string) => void;
  /** The account shown was renamed in the window: it stays shown under its new name. */
  readonly renamed: (previous: string, next: string) => void;
}

export function windowAccount(workstation: WorkstationStore): WindowAccount {
  let shown = workstation.accounts.selected();
  return {
    name: () => {
      if (!workstation.accounts.list().some((account) => account.name === shown))
        shown = workstation.accounts.selected();
      return shown;
    },
    select: (name) => {
      workstation.accounts.select(name);
      shown = workstation.account(name).accountName();
    },
    renamed: (previous, next) => {
      if (previous === shown) shown = next;
    },
  };
}
