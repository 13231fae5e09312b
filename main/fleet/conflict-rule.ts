// Which password a member keeps when a publication brings one: decided by content, never by
// clocks. A local password the publication says it replaces is replaced; the same one is kept;
// any other (renewed here, typed by hand) is a disagreement that Chorus Pro settles: whichever it
// accepts is kept, and the disagreement is kept for the report.
import type { StoredSettings } from '../settings/settings-schema';
import type { PublishedAccount } from './fleet-formats';
import { passwordDigest } from './published-accounts';

/** What Chorus Pro said of a password: accepted, refused (AUTH_REJECTED), or nothing usable (unreachable…). */
export type PasswordVerdict = 'accepted' | 'refused' | 'unknown';

/**
 * Tests a password against Chorus Pro with these settings, the keychain seen through `extra`
 * (the publication's client secret and proxy password, not stored yet). Never stores anything.
 */
export type CheckPassword = (
  settings: StoredSettings,
  password: string,
  extra: ReadonlyMap<string, string>,
) => Promise<PasswordVerdict>;

export type PasswordDecision =
  /** Nothing published for the password: the local one, if any, stays. */
  | { readonly kind: 'none' }
  | { readonly kind: 'install' }
  | { readonly kind: 'replace' }
  | { readonly kind: 'same' }
  | { readonly kind: 'conflict' };

export function decidePassword(local: string | undefined, published: PublishedAccount): PasswordDecision {
  if (published.password === undefined) return { kind: 'none' };
  if (local === undefined) return { kind: 'install' };
  if (local === published.password) return { kind: 'same' };
  if (published.replaces.includes(passwordDigest(local))) return { kind: 'replace' };
  return { kind: 'conflict' };
}

/** `published` or `local`: the one kept; `undecided`: Chorus Pro could not say, the local one stays until the next sync. */
export type ConflictOutcome = 'published' | 'local' | 'undecided';

export async function settleConflict(
  check: CheckPassword,
  settings: StoredSettings,
  local: string,
  published: string,
  extra: ReadonlyMap<string, string>,
): Promise<ConflictOutcome> {
  const publishedVerdict = await check(settings, published, extra);
  if (publishedVerdict === 'accepted') return 'published';
  if (publishedVerdict === 'unknown') return 'undecided';
  // The published one is refused: the local one is kept, whether Chorus Pro takes it or not
  // (refused both, nothing is lost by keeping what the accountant had).
  return 'local';
}
