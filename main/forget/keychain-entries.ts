import { accountList } from '../secrets/settings-accounts';
import { counted } from '../text/plural';
import type { ForgetContext, ForgetPart } from './forget-workstation';

/**
 * Every entry of the app's keychain namespace (technical passwords, PISTE client secrets, proxy
 * passwords), those the accounts use and those left under an earlier address or login: the
 * namespace is the app's own.
 */
async function entriesOf({ workstation, secrets }: ForgetContext): Promise<string[]> {
  const entries = new Set(workstation.accounts.list().flatMap((account) => accountList(account)));
  if (secrets.list) for (const entry of await secrets.list()) entries.add(entry);
  return [...entries];
}

export const keychainEntries: ForgetPart = {
  name: 'keychain',
  describe: async (context) => {
    const listed = context.secrets.list ? (await context.secrets.list()).length : undefined;
    return listed === undefined
      ? 'les mots de passe et secrets des comptes, dans le coffre-fort'
      : `${counted(listed, 'mot de passe ou secret', 'mots de passe et secrets')} du coffre-fort`;
  },
  forget: async (context) => {
    let removed = 0;
    // Read first: a keychain that cannot be used fails here, before anything is removed.
    for (const entry of await entriesOf(context)) if (await context.secrets.delete(entry)) removed += 1;
    return removed === 0
      ? 'Coffre-fort : aucun mot de passe ni secret à effacer.'
      : `Coffre-fort : ${counted(removed, 'mot de passe ou secret effacé', 'mots de passe et secrets effacés')}.`;
  },
};
