import { confirmedBy } from '../main/hosts/host-confirmation';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpTransport } from '../main/chorus/http-transport';
import { systemClock } from '../main/dates/clock';
import { createLogger } from '../main/logging/logger';
import { createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { secretAccounts } from '../main/secrets/secret-store';
import { createCoreServices } from '../main/services';
import { openConfBackend } from '../main/settings/conf-backend';

export const demo = {
  login: 'TECH_1_demo@cpro.fr',
  password: 'Demo-Chorus-2026!',
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
} as const;

export interface SeedOptions {
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  readonly login?: string;
  readonly password?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly passwordUpdatedAt?: Date;
  /** A given profile folder and keychain namespace (fresh ones by default). */
  readonly userDataDir?: string;
  readonly keychainService?: string;
}

/**
 * A profile as an earlier session of the app would have left it, written by the app's own
 * services: settings file and keychain. Launch the app on it with launch({ userDataDir, keychainService }).
 */
export async function seedProfile(options: SeedOptions): Promise<{ userDataDir: string; keychainService: string }> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  const keychainService = options.keychainService ?? `Chorus Pro Echanges (e2e ${randomUUID()})`;
  const secrets = createKeytarSecretStore(keychainService);
  const { workstation } = createCoreServices({
    userDataDir,
    openSettingsBackend: openConfBackend,
    secrets,
    send: createHttpTransport(),
    clock: systemClock,
    logger: createLogger(() => undefined),
  });
  const login = options.login ?? demo.login;
  const clientId = options.clientId ?? demo.clientId;
  const settings = workstation.account(workstation.accounts.selected());
  settings.update({
    environment: 'custom',
    apiBaseUrl: options.apiBaseUrl,
    tokenUrl: options.tokenUrl,
    login,
    clientId,
  });
  // The earlier session's user had confirmed its hosts (the screen asks before a first request).
  workstation.addConfirmedHosts(confirmedBy([settings.read()]));
  await secrets.set(secretAccounts.clientSecret(options, clientId), options.clientSecret ?? demo.clientSecret);
  await secrets.set(secretAccounts.technicalPassword(options.apiBaseUrl, login), options.password ?? demo.password);
  if (options.passwordUpdatedAt) settings.recordPasswordUpdate(options.passwordUpdatedAt, true);
  return { userDataDir, keychainService };
}

/** The selected account's settings, as the settings file holds them. */
export function savedSettings(userDataDir: string): Record<string, unknown> {
  const file = JSON.parse(readFileSync(join(userDataDir, 'config.json'), 'utf8')) as {
    selectedAccount: string;
    accounts: Record<string, unknown>[];
  };
  const { name: _name, ...settings } = file.accounts.find((account) => account.name === file.selectedAccount) ?? {};
  return settings;
}

/**
 * What a test of the selected account left on it (the daily check's, in the night): the settings
 * file as the app writes it, `lastCheck: { at, ok, code }`.
 */
export function recordLastCheck(
  userDataDir: string,
  check: { readonly at: Date; readonly ok: boolean; readonly code: string | null },
  account?: string,
): void {
  const path = join(userDataDir, 'config.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    selectedAccount: string;
    accounts: Record<string, unknown>[];
  };
  const entry = file.accounts.find((candidate) => candidate.name === (account ?? file.selectedAccount));
  if (!entry) throw new Error(`aucun compte « ${account ?? file.selectedAccount} » dans ${path}`);
  entry.lastCheck = { at: check.at.toISOString(), ok: check.ok, code: check.code };
  writeFileSync(path, JSON.stringify(file));
}
