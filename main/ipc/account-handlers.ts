// The account bar: one technical account per commune or budget.
import { accountList } from '../accounts/account-summaries';
import { removeAccount } from '../accounts/remove-account';
import { settingsSnapshot } from '../accounts/settings-snapshot';
import type { HandlerDependencies, Handlers } from './channel-handlers';
import type { PendingImportSlot } from './pending-import';

type AccountChannels = 'listAccounts' | 'selectAccount' | 'addAccount' | 'renameAccount' | 'removeAccount';

export function accountHandlers({ settings, secrets, clock, logger }: HandlerDependencies, pendingImport: PendingImportSlot): Pick<Handlers, AccountChannels> {
  return {
    listAccounts: () => Promise.resolve(accountList(settings, clock)),
    selectAccount: async ({ name }) => {
      settings.accounts.select(name);
      // Another account on screen: the preview shown was not this one's.
      pendingImport.forget();
      return settingsSnapshot(settings, secrets, clock);
    },
    addAccount: async ({ name }) => {
      const added = settings.accounts.add(name.trim());
      settings.accounts.select(added.name);
      logger.info('account.added', { account: added.name });
      return settingsSnapshot(settings, secrets, clock);
    },
    renameAccount: async ({ name, newName }) => {
      settings.accounts.rename(name, newName.trim());
      logger.info('account.renamed', { account: settings.accountName(), previous: name });
      return settingsSnapshot(settings, secrets, clock);
    },
    removeAccount: async ({ name }) => {
      await removeAccount(settings, secrets, name, logger);
      return settingsSnapshot(settings, secrets, clock);
    },
  };
}
