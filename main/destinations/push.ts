import type { ExchangeView } from '../../common/exchange';
import type { Clock } from '../dates/clock';
import { isoDay } from '../dates/plain-day';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import { passwordReminder } from '../reminder/password-reminder';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { newExchangeState, type PushResult } from '../settings/exchange-state';
import type { StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import type { DestinationOutcome } from './destination-outcome';
import { exchangeView } from './exchange-view';
import {
  destinationsFor,
  readMachinePolicy,
  type MachineDestination,
  type ReadPolicyText,
  type ScriptDestination,
  type ServerDestination,
} from './machine-policy';
import type { PasswordPayload } from './password-payload';

/**
 * Whether this workstation pushes an account's password to its copies. For an account managed by
 * a fleet, only the publisher does, after its own test (issue 30 wires that rule); by default, yes.
 */
export type ShouldPush = (account: string) => boolean | Promise<boolean>;
export const alwaysPush: ShouldPush = () => true;

export interface PushDependencies {
  /** The machine policy, read again at each push. */
  readonly readPolicy: ReadPolicyText;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly runScript: (destination: ScriptDestination, payload: PasswordPayload) => Promise<DestinationOutcome>;
  readonly writeServer: (destination: ServerDestination, payload: PasswordPayload) => Promise<DestinationOutcome>;
  readonly shouldPush: ShouldPush;
}

/** The credentials as a destination receives them; the client secret only where the policy asks for it. */
function payloadFor(
  settings: StoredSettings,
  account: string,
  changeId: string,
  password: string,
  now: Date,
  client?: { readonly clientId: string; readonly clientSecret: string },
): PasswordPayload {
  const reminder = passwordReminder(settings, now);
  return {
    schemaVersion: 1,
    changeId,
    account,
    login: settings.login ?? '',
    password,
    apiBaseUrl: settings.apiBaseUrl,
    tokenUrl: settings.tokenUrl,
    passwordUpdatedOn: settings.passwordUpdatedAt ? isoDay(new Date(settings.passwordUpdatedAt)) : null,
    passwordExpiresOn: reminder.known ? reminder.expiresOn : null,
    ...(client ? { ...client, ...(settings.proxyUrl ? { proxyUrl: settings.proxyUrl } : {}) } : {}),
  };
}

async function reach(
  destination: MachineDestination,
  payload: PasswordPayload,
  dependencies: PushDependencies,
): Promise<DestinationOutcome> {
  try {
    return destination.kind === 'script'
      ? await dependencies.runScript(destination, payload)
      : await dependencies.writeServer(destination, payload);
  } catch (error) {
    return {
      ok: false,
      message: error instanceof AppError ? error.message : 'erreur inattendue pendant la transmission',
    };
  }
}

export interface PushOptions {
  /** `push`: only the destinations not brought up to date for this password; otherwise all of them. */
  readonly retry?: boolean;
}

/**
 * Pushes the account's stored password, which Chorus Pro accepted, to the machine policy's script
 * and server destinations, and records each one's result for this password (its changeId). Never
 * an unverified password: a typo never reaches the finance software.
 */
export async function pushPassword(
  settings: SettingsStore,
  dependencies: PushDependencies,
  { retry = false }: PushOptions = {},
): Promise<ExchangeView> {
  const { secrets, clock, logger } = dependencies;
  const account = settings.accountName();
  let current = settings.read();
  if (current.passwordVerified === false) throw new AppError('PASSWORD_NOT_VERIFIED');
  const { login, clientId } = current;
  if (!login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner');
  const reading = await readMachinePolicy(dependencies.readPolicy);
  if (!(await dependencies.shouldPush(account))) {
    logger.info('exchange.push-skipped', { account, reason: 'fleet-publisher-pushes' });
    return exchangeView(current, account, reading, { pushedElsewhere: true });
  }
  if (reading.kind === 'refused') {
    logger.warn('exchange.policy-refused', { account, source: reading.source });
    throw new AppError('POLICY_REFUSED', `${reading.source} : ${reading.reason}`);
  }
  const password = await secrets.get(secretAccounts.technicalPassword(current.apiBaseUrl, login));
  if (password === undefined) throw new AppError('MISSING_SECRET', 'mot de passe du compte technique');
  // A password stored before this version has no change yet: it gets one now, once.
  if (!current.exchange) current = settings.recordExchangeState({ exchange: newExchangeState() });
  const exchange = current.exchange ?? newExchangeState();
  const destinations = reading.kind === 'policy' ? destinationsFor(reading.policy, account) : [];
  const earlier = exchange.results ?? [];
  const clientSecret =
    clientId && destinations.some((destination) => destination.withClientSecret === true)
      ? await secrets.get(secretAccounts.clientSecret(current, clientId))
      : undefined;
  const results: PushResult[] = [];
  for (const destination of destinations) {
    const before = earlier.find((result) => result.name === destination.name && result.kind === destination.kind);
    if (retry && before?.ok === true) {
      results.push(before);
      continue;
    }
    const client =
      destination.withClientSecret === true && clientId && clientSecret !== undefined
        ? { clientId, clientSecret }
        : undefined;
    const outcome =
      destination.withClientSecret === true && client === undefined
        ? {
            ok: false,
            message:
              "la stratégie demande le secret client PISTE, qui n'est pas enregistré pour ce compte (set-client-secret)",
          }
        : await reach(
            destination,
            payloadFor(current, account, exchange.changeId, password, clock(), client),
            dependencies,
          );
    results.push({
      name: destination.name,
      kind: destination.kind,
      ok: outcome.ok,
      at: clock().toISOString(),
      ...(outcome.message && !outcome.ok ? { message: outcome.message.slice(0, 2000) } : {}),
      ...(outcome.output ? { output: outcome.output } : {}),
    });
    const fields = { account, destination: destination.name, kind: destination.kind, ok: outcome.ok };
    if (outcome.ok) logger.info('exchange.pushed', fields);
    else logger.warn('exchange.pushed', fields);
  }
  const saved = settings.recordExchangeState({
    exchange: { changeId: exchange.changeId, pushedAt: exchange.pushedAt ?? clock().toISOString(), results },
  });
  return exchangeView(saved, account, reading);
}
