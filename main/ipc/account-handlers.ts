// The account bar: one technical account per commune or budget.
import { accountList } from '../accounts/account-summaries';
import { removeAccount } from '../accounts/remove-account';
import { settingsSnapshot } from '../accounts/settings-snapshot';
import type { HandlerDependencies, Handlers } from './channel-handlers';
import type { PendingImportSlot } from './pending-import';

type AccountChannels = 'listAccounts' | 'selectAccount' | 'addAccount' | 'renameAccount' | 'removeAccount';

export function accountHandlers(
  { workstation, windowAccount, shownAccount, secrets, clock, logger }: HandlerDependencies,
  pendingImport: PendingImportSlot,
): Pick<Handlers, AccountChannels> {
  const shownSnapshot = () => settingsSnapshot(workstation, shownAccount().settings, secrets, clock);
  return {
    listAccounts: () => Promise.resolve(accountList(workstation, clock)),
    selectAccount: async ({ name }) => {
      // Shown in this window, and the default at the next start.
      windowAccount.select(name);
      // Another account on screen: the preview shown was not this one's.
      pendingImport.forget();
      return shownSnapshot();
    },
    addAccount: async ({ name }) => {
      const added = workstation.accounts.add(name.trim());
      windowAccount.select(added.name);
      logger.info('account.added', { account: added.name });
      return shownSnapshot();
    },
    renameAccount: async ({ name, newName }) => {
      const previous = workstation.account(name).accountName();
      workstation.accounts.rename(previous, newName.trim());
      const renamed = workstation.account(newName.trim()).accountName();
      windowAccount.renamed(previous, renamed);
      logger.info('account.renamed', { account: renamed, previous: name });
      return shownSnapshot();
    },
    removeAccount: async ({ name }) => {
      await removeAccount(workstation, secrets, name, logger);
      return shownSnapshot();
    },
  };
}
