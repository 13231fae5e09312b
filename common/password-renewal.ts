import type { ExchangeView } from './exchange';

/** What the renderer learns of a renewal: never the password itself. */
export interface PasswordRenewal {
  readonly stored: boolean;
  readonly updatedAt: string;
  /** False when the user chose to keep it without Chorus Pro checking it. */
  readonly verified: boolean;
  /** Accepted by Chorus Pro: what became of its copies. */
  readonly exchange?: ExchangeView;
  /** The first password of the account kept the date typed before it (the portal's e-mail). */
  readonly keptTypedDay?: true;
  /** A date given for the previous, unverified password that this one's date replaced (ISO). */
  readonly replacedDay?: string;
}
