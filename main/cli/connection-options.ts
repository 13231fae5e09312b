// The connection settings as options (--env, --url, --login…): saved by `configure`, or used for
// one `test` or `structures` without being saved.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { environmentNames, type SettingsChange } from '../../common/settings';
import { settingsChangeSchema } from '../settings/settings-change-schema';
import { AppError } from '../failures/errors';
import { environmentLabels } from '../settings/environment-labels';
import { knownEnvironments } from '../settings/environments';
import type { StoredSettings } from '../settings/settings-schema';
import { applySettingsChange } from '../settings/settings-change';
import type { CommandContext } from './command';
import { environmentFromWord } from './environment-word';
import { text, type OptionName, type Options } from './options';

export const connectionOptions: readonly OptionName[] = [
  'env',
  'url',
  'token-url',
  'login',
  'client-id',
  'timeout',
  'ca-file',
  'proxy',
];

const environmentOption = z
  .string()
  .transform(environmentFromWord)
  .pipe(
    z.enum(environmentNames, {
      error:
        '--env : environnement inconnu ; valeurs possibles : production, qualification, custom (Production, Qualification, Personnalisé)',
    }),
  );
/** The option that sets each setting, to name it in a refusal. */
const optionOfSetting: Readonly<Record<string, string>> = {
  environment: '--env',
  apiBaseUrl: '--url',
  tokenUrl: '--token-url',
  login: '--login',
  clientId: '--client-id',
  timeoutSeconds: '--timeout',
  alertDelayMonths: '--alert-delay',
  caCertificatePath: '--ca-file',
  proxyUrl: '--proxy',
};
const wholeNumber = (field: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${field} : un nombre entier est attendu`)
    .transform(Number)
    .pipe(z.number().min(min, `${field} : ${min} au minimum`).max(max, `${field} : ${max} au maximum`));

function parseOr<T>(schema: z.ZodType<T>, value: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'valeur invalide');
  return parsed.data;
}

/** The settings the command line options describe, as one change checked by settingsChangeSchema. */
export function changeFromOptions(options: Options): SettingsChange {
  const env = text(options, 'env');
  const url = text(options, 'url');
  const tokenUrl = text(options, 'token-url');
  const timeout = text(options, 'timeout');
  const alertDelay = text(options, 'alert-delay');
  const caFile = text(options, 'ca-file');
  if (caFile !== undefined && caFile !== '' && !existsSync(caFile)) {
    throw new AppError('INVALID_INPUT', `--ca-file : fichier introuvable (${caFile})`);
  }
  const change: Record<string, unknown> = {
    // An address given without an environment is a custom one.
    environment:
      env !== undefined
        ? parseOr(environmentOption, env)
        : url !== undefined || tokenUrl !== undefined
          ? 'custom'
          : undefined,
    apiBaseUrl: url,
    tokenUrl,
    login: text(options, 'login'),
    clientId: text(options, 'client-id'),
    timeoutSeconds: timeout === undefined ? undefined : parseOr(wholeNumber('--timeout', 5, 120), timeout),
    alertDelayMonths: alertDelay === undefined ? undefined : parseOr(wholeNumber('--alert-delay', 1, 13), alertDelay),
    caCertificatePath: caFile === undefined || caFile === '' ? caFile : resolve(caFile),
    proxyUrl: text(options, 'proxy'),
  };
  const parsed = settingsChangeSchema.safeParse(
    Object.fromEntries(Object.entries(change).filter((entry) => entry[1] !== undefined)),
  );
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      parsed.error.issues
        .map(
          (issue) =>
            `${optionOfSetting[String(issue.path[0])] ?? String(issue.path[0])} : ` +
            (issue.code === 'too_big'
              ? `valeur trop longue (${String(issue.maximum)} caractères au plus)`
              : 'valeur refusée'),
        )
        .join(' ; '),
    );
  }
  return parsed.data;
}

/** A Lien URL of one known environment with the token URL of another: never what the user meant. */
export function refuseMixedEndpoints(settings: StoredSettings): void {
  const apiOf = Object.entries(knownEnvironments).find(
    ([, endpoints]) => endpoints.apiBaseUrl === settings.apiBaseUrl,
  )?.[0];
  const tokenOf = Object.entries(knownEnvironments).find(
    ([, endpoints]) => endpoints.tokenUrl === settings.tokenUrl,
  )?.[0];
  if (apiOf === undefined || tokenOf === undefined || apiOf === tokenOf) return;
  const label = (name: string) => environmentLabels[name as StoredSettings['environment']];
  throw new AppError(
    'INVALID_INPUT',
    `le Lien URL serait celui de ${label(apiOf)} et l'URL du jeton celle de ${label(tokenOf)} ; pour ${label(apiOf)}, indiquez --env ${apiOf} (ses deux adresses), ou donnez aussi --token-url`,
  );
}

/**
 * `--url` naming an API of its own while the token URL stays a known environment's (PISTE's
 * production one, from the defaults): a custom API is never sent PISTE's production token without
 * the person saying so with --token-url.
 */
export function refuseCustomApiWithKnownToken(settings: StoredSettings, options: Options): void {
  if (text(options, 'url') === undefined || text(options, 'token-url') !== undefined) return;
  const knownApi = Object.values(knownEnvironments).some((endpoints) => endpoints.apiBaseUrl === settings.apiBaseUrl);
  const tokenOf = Object.entries(knownEnvironments).find(
    ([, endpoints]) => endpoints.tokenUrl === settings.tokenUrl,
  )?.[0];
  if (knownApi || tokenOf === undefined) return;
  throw new AppError(
    'INVALID_INPUT',
    `--url : cette adresse garderait l'URL du jeton de ${environmentLabels[tokenOf as StoredSettings['environment']]} (${settings.tokenUrl}) ; indiquez aussi l'URL du jeton de cette API avec --token-url URL (la même, --token-url ${settings.tokenUrl}, si c'est bien celle-là)`,
  );
}

/** The account's settings with the options given for this command only. */
export function settingsWithOverrides(context: CommandContext): StoredSettings {
  const settings = applySettingsChange(context.account.settings.read(), changeFromOptions(context.options));
  refuseMixedEndpoints(settings);
  refuseCustomApiWithKnownToken(settings, context.options);
  return settings;
}
export const hasOverrides = (options: Options): boolean =>
  connectionOptions.some((name) => options[name] !== undefined);
