import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyMachineProfileAtFirstStart, type MachineProfileTrust } from './profiles/machine-profile';
import { scopeMachineProfileAuthorities } from './profiles/machine-profile-authority';
import { createAccountServices, type AccountServices, type SharedServices } from './accounts/account-services';
import type { CoreServices } from './accounts/core-services';
import { createChorusClient } from './chorus/chorus-client';
import type { HttpSend } from './chorus/http-transport';
import type { ResolveSystemProxy } from './chorus/proxy-resolution';
import type { Clock } from './dates/clock';
import { passwordReminder } from './reminder/password-reminder';
import type { FleetSync } from './fleet/sync-fleet';
import type { BoxContent } from './fleet/fleet-formats';
import type { PointerOutcome } from './fleet/follow-machine-pointer';
import { workstationNames } from './fleet/workstation-names';
import type { Logger } from './logging/logger';
import { createExchangeService } from './destinations/exchange-service';
import { platformFileTrust, type CheckFileTrust } from './destinations/file-trust';
import { forgetExchangeState } from './forget/forget-exchange';
import type { ReadPolicyText } from './destinations/machine-policy';
import { platformPolicyReader } from './destinations/policy-source';
import { type ShouldPush } from './destinations/push';
import { onlyWhereNoFleetManages } from './fleet/fleet-push-rule';
import { callingProcess, type CallerFacts } from './handoff/caller-process';
import type { HandoffDependencies } from './handoff/handoff';
import {
  migratingLegacyClientSecrets,
  migratingRouteUnboundClientSecrets,
  type SecretStore,
} from './secrets/secret-store';
import { knownEnvironments } from './settings/environments';
import { confirmedBy } from './hosts/host-confirmation';
import type { StoredSettings } from './settings/settings-schema';
import { settingsFileName, type OpenSettingsBackend } from './settings/settings-backend';
import { openWorkstationStore } from './settings/workstation-store';

export interface CoreDependencies {
  readonly userDataDir: string;
  readonly openSettingsBackend: OpenSettingsBackend;
  readonly secrets: SecretStore;
  readonly send: HttpSend;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
  /** The machine-wide deployment profile, applied at first start (none in tests unless given). */
  readonly machineProfilePath?: string;
  /** Whether the machine profile may be applied (default: this system's owner and ACL check). */
  readonly machineProfileTrust?: MachineProfileTrust;
  /** The machine's fleet pointer (main/fleet/machine-pointer.ts), followed at every start and daily check (none in tests unless given). */
  readonly machineFleetPath?: string;
  /** The machine policy, read again at every use (default: this system's, destinations/policy-source.ts). */
  readonly machinePolicy?: ReadPolicyText;
  /**
   * Whether this workstation pushes an account's password to its copies. For an account managed
   * by a fleet, only the publisher does: the fleet (issue 30) gives that rule here. Default: yes.
   */
  readonly shouldPush?: ShouldPush;
  /** Who may have put a program or a policy there (default: this system's rule: root, Administrators). */
  readonly checkTrust?: CheckFileTrust;
  /** The program asking for credentials (`headers`, `credentials`), for the log (default: this process's parent). */
  readonly caller?: () => Promise<CallerFacts>;
}

/**
 * Where a client secret stored under its old name (token host only) may be moved: the pair the
 * settings held when the services opened (the one it was used with) and the known environments'.
 */
function trustedClientSecretPairs(opened: StoredSettings) {
  const { clientId, proxyUrl, caCertificatePath } = opened;
  if (!clientId) return [];
  return [opened, ...Object.values(knownEnvironments)].map(({ tokenUrl, apiBaseUrl }) => ({
    tokenUrl,
    apiBaseUrl,
    clientId,
    proxyUrl,
    caCertificatePath,
  }));
}

/** The route each account used when the services opened, for the secrets stored before routes. */
function openedRoutes(opened: StoredSettings) {
  const { clientId, tokenUrl, apiBaseUrl, proxyUrl, caCertificatePath } = opened;
  return clientId ? [{ clientId, tokenUrl, apiBaseUrl, proxyUrl, caCertificatePath }] : [];
}

/**
 * The core built from its parts (accounts/core-services.ts says what it offers): the settings file
 * opened and migrated once, and every account's services reached by name.
 */
export function createCoreServices(dependencies: CoreDependencies): CoreServices {
  const { clock, logger } = dependencies;
  const firstStart = !existsSync(join(dependencies.userDataDir, settingsFileName));
  const store = openWorkstationStore(dependencies.userDataDir, dependencies.openSettingsBackend, clock, logger);
  const machineDailyCheckAt = applyMachineProfileAtFirstStart(
    firstStart,
    dependencies.machineProfilePath,
    store,
    dependencies.userDataDir,
    logger,
    dependencies.machineProfileTrust,
  );
  // The machine profile's hosts are not the user's choice: the screen asks, the command line refuses.
  if (firstStart && store.confirmedHosts() === undefined) store.addConfirmedHosts([]);
  // Its authority serves PISTE's hosts only when it says so: 0.2.0's first start did not ask.
  if (firstStart) store.markMachineProfileCaScoped();
  else if (!store.machineProfileCaScoped())
    scopeMachineProfileAuthorities(store, dependencies.machineProfilePath, logger);
  // A new workstation has no secret stored the earlier way: nothing to move, ever.
  if (firstStart && !store.clientSecretsBoundToRoute()) store.markClientSecretsBoundToRoute();
  const opened = store.accounts.list();
  // A file of an earlier version: the hosts its accounts hold were in use before the question existed.
  if (store.confirmedHosts() === undefined) store.addConfirmedHosts(confirmedBy(opened));
  // Started at once, so that the routes it trusts are those of this very opening; awaited by the
  // command line before it exits, and by every use of the keychain.
  const routeMigration = store.clientSecretsBoundToRoute()
    ? undefined
    : migratingRouteUnboundClientSecrets(dependencies.secrets, opened.flatMap(openedRoutes), () =>
        store.markClientSecretsBoundToRoute(),
      );
  const secretsMigrated = (routeMigration?.migration() ?? Promise.resolve()).catch((error: unknown) => {
    logger.warn('secrets.route-migration', {
      code: error instanceof Error && 'code' in error ? String(error.code) : 'INTERNAL_ERROR',
    });
  });
  const secrets = migratingLegacyClientSecrets(
    routeMigration?.store ?? dependencies.secrets,
    opened.flatMap(trustedClientSecretPairs),
  );
  const readPolicy = dependencies.machinePolicy ?? platformPolicyReader();
  const exchange = createExchangeService({
    readPolicy,
    secrets,
    clock,
    logger,
    platform: process.platform,
    checkTrust: dependencies.checkTrust ?? platformFileTrust(),
    shouldPush: dependencies.shouldPush ?? onlyWhereNoFleetManages(dependencies.userDataDir),
  });
  const handoff: HandoffDependencies = {
    send: dependencies.send,
    clock,
    secrets,
    logger,
    readPolicy,
    caller: dependencies.caller ?? (() => callingProcess()),
  };
  const shared: SharedServices = {
    client: createChorusClient({ send: dependencies.send, clock }),
    secrets,
    clock,
    logger,
    exchange,
    handoff,
    allAccounts: () => store.accounts.list(),
    ...(dependencies.resolveSystemProxy ? { resolveSystemProxy: dependencies.resolveSystemProxy } : {}),
  };
  // One set of services per account, kept: a test under way is joined, not run twice.
  const built = new Map<string, AccountServices>();
  const account = (given: string): AccountServices => {
    // Looked up at each call: a name renamed or removed since is refused, never served stale.
    const settings = store.account(given);
    const name = settings.accountName();
    let services = built.get(name);
    if (!services) {
      services = createAccountServices(settings, shared);
      built.set(name, services);
    }
    return services;
  };
  return {
    workstation: store,
    secrets,
    logger,
    account,
    allReminders: () =>
      store.accounts.list().map((account) => ({ name: account.name, reminder: passwordReminder(account, clock()) })),
    secretsMigrated,
    machineDailyCheckAt,
    syncFleets: async (readDeadlineMs?: number): Promise<FleetSync[]> => {
      // Loaded when asked for: every other command (and the window) starts without the fleet's code.
      const [{ syncFleets }, { nodeFleetFolder }, { chorusPasswordCheck }] = await Promise.all([
        import('./fleet/sync-fleet'),
        import('./fleet/fleet-folder'),
        import('./fleet/password-check'),
      ]);
      return syncFleets({
        secrets,
        clock,
        logger,
        userDataDir: dependencies.userDataDir,
        workstation: store,
        openFolder: nodeFleetFolder,
        checkPassword: chorusPasswordCheck(shared),
        ...(readDeadlineMs === undefined ? {} : { readDeadlineMs }),
      });
    },
    reportFleetStatus: async (readDeadlineMs?: number) => {
      const [{ reportStatusToFleets }, { nodeFleetFolder }, { appVersion }] = await Promise.all([
        import('./fleet/report-status'),
        import('./fleet/fleet-folder'),
        import('./app-version'),
      ]);
      return reportStatusToFleets(
        {
          secrets,
          clock,
          logger,
          userDataDir: dependencies.userDataDir,
          openFolder: nodeFleetFolder,
          appVersion,
          ...(readDeadlineMs === undefined ? {} : { readDeadlineMs }),
        },
        store.accounts.list(),
      );
    },
    followMachineFleet: async (readDeadlineMs?: number): Promise<PointerOutcome> => {
      const path = dependencies.machineFleetPath;
      if (path === undefined || !existsSync(path)) return { kind: 'absent' };
      const [{ followMachinePointer }, { nodeFleetFolder }, { platformPointerDistrust }, { withDeadline }] =
        await Promise.all([
          import('./fleet/follow-machine-pointer'),
          import('./fleet/fleet-folder'),
          import('./fleet/machine-pointer'),
          import('./fleet/sync-fleet'),
        ]);
      const following = followMachinePointer({
        secrets,
        clock,
        logger,
        userDataDir: dependencies.userDataDir,
        openFolder: nodeFleetFolder,
        pointerPath: path,
        distrust: platformPointerDistrust,
        ...workstationNames(),
      });
      return withDeadline(following, readDeadlineMs, path).catch((error: unknown) => {
        if (!(error instanceof Error && 'fleetLate' in error)) throw error;
        const waitedSeconds = Math.round((readDeadlineMs ?? 0) / 1000);
        return {
          kind: 'failed' as const,
          path,
          fingerprint: '',
          reason: `le dossier du parc n'a pas répondu en ${waitedSeconds} s ; il sera rejoint à la prochaine vérification`,
        };
      });
    },
    applyFleetAccounts: async (content: BoxContent): Promise<readonly string[]> => {
      const [{ applyPublication }, { chorusPasswordCheck }] = await Promise.all([
        import('./fleet/apply-publication'),
        import('./fleet/password-check'),
      ]);
      const applied = await applyPublication(
        {
          workstation: store,
          secrets,
          logger,
          userDataDir: dependencies.userDataDir,
          checkPassword: chorusPasswordCheck(shared),
        },
        content,
      );
      return applied.accounts;
    },
    forgetExchange: (name: string) => forgetExchangeState(store.account(name), secrets, logger),
  };
}
