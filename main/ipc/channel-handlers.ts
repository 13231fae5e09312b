// What every family of the bridge's handlers is made of: the contract's channels, and what the
// handlers receive from the composition root.
import type { AppInfo } from '../../common/app';
import type { ChannelName, ChannelPayload } from '../../common/bridge';
import type { ValidatedArgs } from '../../preload/contract';
import type { AccountServices } from '../accounts/account-services';
import type { Clock } from '../dates/clock';
import type { ConfirmNewHost } from '../hosts/host-confirmation';
import type { Logger } from '../logging/logger';
import type { DailyCheckSchedule } from '../schedule/daily-check-schedule';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkstationStore } from '../settings/workstation-store';
import type { WindowAccount } from './window-account';

/** One handler per contract channel: a missing or mistyped one does not compile. */
export type Handlers = {
  readonly [Name in ChannelName]: (...args: ValidatedArgs<Name>) => Promise<ChannelPayload<Name>>;
};

/** What only the desktop can do: its dialogs and its file manager (Electron's, or a test's). */
export interface Desktop {
  /** An open-file dialog; undefined when the user cancels it. */
  chooseFile(purpose: 'ca-certificate' | 'profile'): Promise<string | undefined>;
  /** A save-file dialog; undefined when the user cancels it. */
  chooseSaveFile(defaultName: string): Promise<string | undefined>;
  openFolder(path: string): Promise<void>;
  /** A main-process question before the screen's first request to a host never confirmed. */
  confirmNewHost: ConfirmNewHost;
  /**
   * Puts a secret on the clipboard from the main process (« Copier le mot de passe »), and takes it
   * off after `clipboardClearSeconds` if it is still there: the page never receives it.
   */
  copySecret(text: string): Promise<void>;
}

export interface HandlerDependencies {
  readonly appInfo: AppInfo;
  readonly workstation: WorkstationStore;
  readonly secrets: SecretStore;
  /** The account the window shows, kept in memory (the file's default only at start). */
  readonly windowAccount: WindowAccount;
  /**
   * The services of the account the window shows: a handler resolves it once, at the start of its
   * call, and works on that account to the end, whatever is selected meanwhile.
   */
  readonly shownAccount: () => AccountServices;
  readonly desktop: Desktop;
  readonly userDataDir: string;
  /** The machine-wide profile, whose encrypted secrets the screen may offer to import. */
  readonly machineProfilePath?: string;
  /** The machine's fleet pointer, whose refusal the screen says. */
  readonly machineFleetPath?: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The daily check's task (default: this system's Task Scheduler, for this executable). */
  readonly dailyCheck?: DailyCheckSchedule;
}
