// The tests written before the account was explicit (issue 37) act on "the selected account": the
// one the settings file names at the moment of each call. These views give them that, over the
// explicit core, so that they read as they did; the product itself always names its account.
import type { AccountServices } from '../../main/accounts/account-services';
import type { CoreServices } from '../../main/accounts/core-services';
import type { SettingsStore } from '../../main/settings/settings-store';
import type { WorkstationStore } from '../../main/settings/workstation-store';

/** The workstation's store, plus the selected account's settings, looked up at each call. */
export type SelectedSettings = WorkstationStore & SettingsStore & { forAccount(name: string): SettingsStore };

export function selectedSettings(workstation: WorkstationStore): SelectedSettings {
  const selected = (): SettingsStore => workstation.account(workstation.accounts.selected());
  return {
    ...workstation,
    forAccount: (name) => workstation.account(name),
    accountName: () => selected().accountName(),
    read: () => selected().read(),
    update: (change) => selected().update(change),
    check: (change) => selected().check(change),
    applyImport: (change, imported) => selected().applyImport(change, imported),
    recordPasswordUpdate: (when, verified) => selected().recordPasswordUpdate(when, verified),
    recordExchangeState: (change) => selected().recordExchangeState(change),
    recordPasswordVerified: () => selected().recordPasswordVerified(),
    recordPasswordCommunicatedOn: (day) => selected().recordPasswordCommunicatedOn(day),
    recordChorusExpiry: (day, structure) => selected().recordChorusExpiry(day, structure),
    recordStructuresReadForExpiry: (count) => selected().recordStructuresReadForExpiry(count),
    recordLastCheck: (check) => selected().recordLastCheck(check),
  };
}

/** The core, plus the selected account's services as the tests knew them (`settings`, `connection`…). */
export type SelectedServices = CoreServices &
  Pick<AccountServices, 'renewPassword' | 'currentReminder'> & {
    readonly settings: SelectedSettings;
    readonly connection: AccountServices['connection'];
    readonly exchange: AccountServices['exchange'];
    readonly handoff: AccountServices['handoff'];
    current(): AccountServices;
    withAccount(name: string): AccountServices;
  };

export function selectedServices(core: CoreServices): SelectedServices {
  const current = (): AccountServices => core.account(core.workstation.accounts.selected());
  return {
    ...core,
    settings: selectedSettings(core.workstation),
    current,
    withAccount: (name) => core.account(name),
    get connection() {
      return current().connection;
    },
    get exchange() {
      return current().exchange;
    },
    get handoff() {
      return current().handoff;
    },
    renewPassword: (request) => current().renewPassword(request),
    currentReminder: () => current().currentReminder(),
  };
}
