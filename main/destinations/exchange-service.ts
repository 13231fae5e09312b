import type { ChildProcess } from 'node:child_process';
import type { DestinationView, ExchangeView } from '../../common/exchange';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { StoredAccount } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import { exchangeView, pendingCopies, programsForbiddenBy } from './exchange-view';
import type { CheckFileTrust } from './file-trust';
import { readMachinePolicy, type PolicyReading, type ReadPolicyText } from './machine-policy';
import {
  addManualDestination,
  confirmManualDestination,
  passwordForManualCopy,
  removeManualDestination,
} from './manual-destinations';
import { pushPassword, type PushDependencies, type ShouldPush } from './push';
import { runScriptDestination } from './script-destination';
import { writeServerDestination } from './server-destination';

export interface ExchangeServiceDependencies {
  /** The machine policy, read again at every use. */
  readonly readPolicy: ReadPolicyText;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly platform: NodeJS.Platform;
  /** Who may have put a program or a policy file there (file-trust.ts). */
  readonly checkTrust: CheckFileTrust;
  readonly killTree?: (child: ChildProcess) => void;
  readonly shouldPush: ShouldPush;
}

/**
 * The copies of an account's password kept by other programs (« Échanges »), for whichever account
 * the caller passes: ScopedExchange binds them to one.
 */
export interface ExchangeService {
  /** The machine policy as read now: what it allows local programs, or why it was refused. */
  readonly policy: () => Promise<PolicyReading>;
  /** The account's checklist of copies, as the screen and `exchange` show it. */
  readonly view: (settings: SettingsStore, reading?: PolicyReading) => Promise<ExchangeView>;
  /** The copies still to make, per account (the daily check reminds of them); the policy read once. */
  readonly pendingByAccount: (
    accounts: readonly StoredAccount[],
  ) => Promise<ReadonlyMap<string, readonly DestinationView[]>>;
  /** `push`: the destinations not up to date for the current password, again. */
  readonly retry: (settings: SettingsStore) => Promise<ExchangeView>;
  /** Chorus Pro just accepted this password: every destination gets it; never fails the renewal. */
  readonly afterAccepted: (settings: SettingsStore) => Promise<ExchangeView>;
  /** Adds a line to the manual checklist: a place the accountant types the new password into by hand. */
  readonly addManual: (settings: SettingsStore, name: string) => Promise<ExchangeView>;
  /** « Fait »: that place of the checklist has the current password, which Chorus Pro accepted. */
  readonly confirmManual: (settings: SettingsStore, name: string) => Promise<ExchangeView>;
  readonly removeManual: (settings: SettingsStore, name: string) => Promise<ExchangeView>;
  /** For « Copier le mot de passe »: the caller puts it on the clipboard, in the main process. */
  readonly passwordForCopy: (settings: SettingsStore, name: string) => Promise<string>;
  /** « Autoriser les scripts de ce poste à utiliser ce compte »; the machine policy may forbid it. */
  readonly setAllowPrograms: (settings: SettingsStore, allowed: boolean) => Promise<ExchangeView>;
}

/**
 * Everything about an account's copies, for the screen, the command line and the renewal: the
 * checklist, the push (after Chorus Pro accepted a password), and whether local programs may use
 * the account.
 */
export function createExchangeService(dependencies: ExchangeServiceDependencies): ExchangeService {
  const { secrets, clock, logger, shouldPush } = dependencies;
  const pushing: PushDependencies = {
    readPolicy: dependencies.readPolicy,
    secrets,
    clock,
    logger,
    shouldPush,
    runScript: (destination, payload) =>
      runScriptDestination(destination, payload, {
        platform: dependencies.platform,
        checkTrust: dependencies.checkTrust,
        ...(dependencies.killTree ? { killTree: dependencies.killTree } : {}),
      }),
    writeServer: (destination, payload) =>
      writeServerDestination(destination, payload, { platform: dependencies.platform, clock }),
  };
  const policy = (): Promise<PolicyReading> => readMachinePolicy(dependencies.readPolicy);
  const view = async (settings: SettingsStore, reading?: PolicyReading): Promise<ExchangeView> => {
    const account = settings.accountName();
    return exchangeView(settings.read(), account, reading ?? (await policy()), {
      pushedElsewhere: !(await shouldPush(account)),
    });
  };
  return {
    policy,
    view,
    pendingByAccount: async (
      accounts: readonly StoredAccount[],
    ): Promise<ReadonlyMap<string, readonly DestinationView[]>> => {
      const reading = await policy();
      const pending = new Map<string, readonly DestinationView[]>();
      for (const { name, ...settings } of accounts) {
        const copies = pendingCopies(
          exchangeView(settings, name, reading, { pushedElsewhere: !(await shouldPush(name)) }),
        );
        if (copies.length > 0) pending.set(name, copies);
      }
      return pending;
    },
    retry: (settings: SettingsStore) => pushPassword(settings, pushing, { retry: true }),
    /**
     * Chorus Pro just accepted this password (a checked renewal, or the first successful test after
     * an unverified save or an import): every destination gets it. Never fails the renewal: what
     * went wrong is in the view, and `push` retries.
     */
    afterAccepted: async (settings: SettingsStore): Promise<ExchangeView> => {
      try {
        return await pushPassword(settings, pushing);
      } catch (error) {
        logger.warn('exchange.push-failed', {
          account: settings.accountName(),
          code: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
        });
        return view(settings);
      }
    },
    addManual: async (settings: SettingsStore, name: string) => {
      const reading = await policy();
      addManualDestination(settings, name, reading);
      logger.info('exchange.manual-added', { account: settings.accountName() });
      return view(settings, reading);
    },
    confirmManual: async (settings: SettingsStore, name: string) => {
      confirmManualDestination(settings, name, clock);
      logger.info('exchange.manual-done', { account: settings.accountName() });
      return view(settings);
    },
    removeManual: async (settings: SettingsStore, name: string) => {
      removeManualDestination(settings, name);
      return view(settings);
    },
    passwordForCopy: async (settings: SettingsStore, name: string): Promise<string> => {
      const password = await passwordForManualCopy(settings, secrets, name);
      logger.info('exchange.password-copied', { account: settings.accountName() });
      return password;
    },
    setAllowPrograms: async (settings: SettingsStore, allowed: boolean) => {
      const reading = await policy();
      const forbidden = programsForbiddenBy(reading);
      if (allowed && forbidden !== undefined) throw new AppError('PROGRAMS_NOT_ALLOWED', forbidden);
      settings.recordExchangeState({ allowPrograms: allowed ? true : null });
      logger.info('handoff.permission', { account: settings.accountName(), allowed });
      return view(settings, reading);
    },
  };
}

/** The copies of one account's password and the permission given to local programs: what the screen and the command line use. */
export interface ScopedExchange {
  readonly policy: () => Promise<PolicyReading>;
  readonly view: () => Promise<ExchangeView>;
  /** Every account's copies still to make: the daily check's reminder. */
  readonly pendingByAccount: () => Promise<ReadonlyMap<string, readonly DestinationView[]>>;
  readonly retry: () => Promise<ExchangeView>;
  readonly addManual: (name: string) => Promise<ExchangeView>;
  readonly confirmManual: (name: string) => Promise<ExchangeView>;
  readonly removeManual: (name: string) => Promise<ExchangeView>;
  /** For « Copier le mot de passe »: the caller puts it on the clipboard, in the main process. */
  readonly passwordForCopy: (name: string) => Promise<string>;
  readonly setAllowPrograms: (allowed: boolean) => Promise<ExchangeView>;
}

/** The same operations acting on one account. */
export function scopedExchange(
  service: ExchangeService,
  settings: SettingsStore,
  allAccounts: () => readonly StoredAccount[],
): ScopedExchange {
  return {
    policy: service.policy,
    view: () => service.view(settings),
    pendingByAccount: () => service.pendingByAccount(allAccounts()),
    retry: () => service.retry(settings),
    addManual: (name: string) => service.addManual(settings, name),
    confirmManual: (name: string) => service.confirmManual(settings, name),
    removeManual: (name: string) => service.removeManual(settings, name),
    passwordForCopy: (name: string) => service.passwordForCopy(settings, name),
    setAllowPrograms: (allowed: boolean) => service.setAllowPrograms(settings, allowed),
  };
}
