import type { AccountsProfile } from '../profiles/accounts-profile';
import type { DeploymentProfile } from '../profiles/deployment-profile';

/**
 * The profile exactly as the user previewed it: confirming applies these values, never the file
 * read again (it may have changed since), never a path from the page; and the account it was
 * previewed against, for a profile of one account goes to that one or nowhere.
 */
export interface PendingImport {
  readonly profile: DeploymentProfile | AccountsProfile;
  readonly account: string;
  /** The daily check's time the profile asks for (`dailyCheckAt`), registered with the import. */
  readonly dailyCheckAt?: string;
}

/** The profile the user previewed and may now confirm; at most one at a time. */
export interface PendingImportSlot {
  readonly get: () => PendingImport | undefined;
  /** Keeps this preview, in place of any earlier one. */
  readonly keep: (kept: PendingImport) => void;
  /** Drops the preview: confirming then has nothing to apply. */
  readonly forget: () => void;
}

/** Holds at most one previewed profile; any family of handlers may forget it. */
export function createPendingImportSlot(): PendingImportSlot {
  let pending: PendingImport | undefined;
  return {
    get: (): PendingImport | undefined => pending,
    keep: (kept: PendingImport): void => {
      pending = kept;
    },
    forget: (): void => {
      pending = undefined;
    },
  };
}
