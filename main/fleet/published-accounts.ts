// The accounts a publication carries, from the publisher's own settings and keychain: every
// setting a deployment profile carries, the secrets, and for the password the digests of those it
// replaces, so that a member decides by content, not by clocks (conflict-rule.ts).
import { createHash } from 'node:crypto';
import { AppError } from '../failures/errors';
import { exportProfile } from '../profiles/deployment-profile';
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import { checkAccountName } from '../settings/account-rules';
import type { StoredAccount } from '../settings/settings-schema';
import type { PublishedAccount } from './fleet-formats';

/** How many replaced passwords a publication remembers per account: a member a year behind still matches. */
export const replacedPasswordsKept = 16;

/**
 * A password's digest, only ever inside an encrypted box: SHA-256 under the fleet's own label,
 * base64url. Members compare it with their stored password; no file in clear carries one.
 */
export const passwordDigest = (password: string): string =>
  createHash('sha256')
    .update('chorus-pro-echanges-flotte/1/mot-de-passe\n')
    .update(password, 'utf8')
    .digest('base64url');

export async function publishedAccounts(
  accounts: readonly StoredAccount[],
  secrets: SecretStore,
  previous: readonly PublishedAccount[],
): Promise<PublishedAccount[]> {
  const published: PublishedAccount[] = [];
  for (const account of accounts) {
    // The one check of names (issue 29 tightens it): a name refused anywhere is refused here too.
    try {
      checkAccountName(account.name);
    } catch (error) {
      const reason = error instanceof AppError && error.detail !== undefined ? error.detail : 'nom refusé';
      throw new AppError(
        'INVALID_INPUT',
        `compte « ${account.name.replace(/[\p{Cc}\p{Cf}]/gu, '?')} » : ${reason} ; renommez-le (accounts rename) avant de publier`,
      );
    }
    if (!account.login) continue;
    // The authority's scope travels beside the settings (issue 29): the publisher's choice, never widened.
    const { profileVersion: _version, trustForOfficialHosts, ...settings } = exportProfile(account);
    const entries = accountsOf(account);
    const [password, clientSecret, proxyPassword] = await Promise.all(
      [entries.password, entries.clientSecret, entries.proxyPassword].map(async (entry) =>
        entry ? secrets.get(entry) : undefined,
      ),
    );
    const before = previous.find((candidate) => candidate.name === account.name);
    const replaced = before?.password !== undefined && password !== undefined && before.password !== password;
    published.push({
      name: account.name,
      settings,
      ...(trustForOfficialHosts === true ? { trustForOfficialHosts: true as const } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(password !== undefined && account.passwordUpdatedAt ? { passwordUpdatedAt: account.passwordUpdatedAt } : {}),
      replaces: replaced
        ? [passwordDigest(before.password ?? ''), ...before.replaces].slice(0, replacedPasswordsKept)
        : (before?.replaces ?? []),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      ...(proxyPassword !== undefined ? { proxyPassword } : {}),
    });
  }
  return published;
}
