// `set-password`, `set-client-secret`, `set-proxy-password`: secrets read from standard input
// (never an argument) into the keychain.
import type { FailureCode } from '../../../common/failures';
import { saveAccountSecret, type MissingFirst } from '../../credentials/account-secrets';
import { AppError, toFailure } from '../../failures/errors';
import type { Command } from '../command';
import { refuseUnconfirmedHosts } from '../confirmed-hosts';
import { text } from '../options';
import { frenchDay } from '../output';
import { secretFromStdin } from '../secret-option';
import { exchangeLines } from '../exchange-lines';

/** What the command line says when a secret comes before what it belongs to. */
const missingFirst = (missing: MissingFirst): AppError =>
  missing === 'clientId'
    ? new AppError('INVALID_INPUT', "Identifiant client PISTE : à renseigner d'abord (configure --client-id)")
    : new AppError(
        'INVALID_INPUT',
        "Proxy : configurez d'abord une adresse avec l'identifiant (http://identifiant@proxy:port)",
      );

export const setClientSecret: Command = {
  options: ['client-secret-stdin'],
  run: async (context) => {
    await saveAccountSecret(
      context.account.settings,
      context.services.secrets,
      'clientSecret',
      async () => {
        const secret = await secretFromStdin(context, 'client-secret-stdin', 'Secret client PISTE');
        if (secret === '') throw new AppError('INVALID_INPUT', 'le secret client est vide');
        return secret;
      },
      missingFirst,
    );
    return { json: { stored: true }, lines: ['Secret client PISTE enregistré dans le coffre-fort.'] };
  },
};

/** Failures that mean Chorus Pro could not check the password (unreachable, PISTE down or throttling), not that it refused it. */
const unreachable: ReadonlySet<FailureCode> = new Set([
  'DNS_FAILED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'PROXY_FAILED',
  'SERVER_ERROR',
  'OAUTH_UNAVAILABLE',
  'RATE_LIMITED',
]);

export const setPassword: Command = {
  options: ['password-stdin', 'no-verify', 'confirm-spaces', 'password-updated-on'],
  run: async (context) => {
    const communicatedOn = text(context.options, 'password-updated-on');
    if (communicatedOn !== undefined && context.options['no-verify'] !== true) {
      throw new AppError(
        'INVALID_INPUT',
        "--password-updated-on s'emploie avec --no-verify : un mot de passe vérifié par Chorus Pro est daté d'aujourd'hui",
      );
    }
    const password = await secretFromStdin(context, 'password-stdin', 'Mot de passe du compte technique');
    if (context.options['no-verify'] !== true)
      refuseUnconfirmedHosts(context.services.workstation, context.account, context.account.settings.read());
    const request = {
      password,
      surroundingSpacesConfirmed: context.options['confirm-spaces'] === true,
      ...(communicatedOn !== undefined ? { communicatedOn } : {}),
    };
    let verified = context.options['no-verify'] !== true;
    const renewal = await context.account
      .renewPassword({ ...request, verify: verified })
      .catch(async (error: unknown) => {
        // Offline at a terminal: the secret was typed once, keep it unchecked if the person says so.
        const { confirm } = context.environment;
        const code = error instanceof AppError ? error.code : undefined;
        if (!verified || confirm === undefined || code === undefined || !unreachable.has(code)) throw error;
        context.environment.warn(
          `Chorus Pro n'a pas pu vérifier le mot de passe (${code}) : ${toFailure(error, 'command-line').message}`,
        );
        if (!(await confirm('Enregistrer le mot de passe sans vérifier (il sera vérifié au prochain test) ? [o/N]')))
          throw error;
        verified = false;
        return context.account.renewPassword({ ...request, verify: false });
      })
      .catch((error: unknown) => {
        if (!(error instanceof AppError) || error.code !== 'PASSWORD_UNCHANGED') throw error;
        return undefined;
      });
    // The stored password given again: nothing to do, and a script that sets it at every run still
    // succeeds (the screen refuses it: there, it is a mistake when a new one was expected).
    if (renewal === undefined) {
      const updatedAt = context.account.settings.read().passwordUpdatedAt;
      return {
        json: { stored: true, unchanged: true, ...(updatedAt !== undefined ? { updatedAt } : {}) },
        lines: [
          "Ce mot de passe est déjà celui enregistré : rien n'a été modifié, ni sa date, ni celle d'expiration communiquée par Chorus Pro.",
        ],
      };
    }
    return {
      json: { ...renewal },
      lines: [
        !verified
          ? 'Mot de passe enregistré sans vérification auprès de Chorus Pro : lancez « test » dès que le poste a accès à Chorus Pro.'
          : 'Mot de passe vérifié auprès de Chorus Pro et enregistré.',
        `Date de dernière mise à jour : ${frenchDay(renewal.updatedAt)}` +
          (renewal.keptTypedDay
            ? " (la date saisie avant le mot de passe, conservée : le rappel et l'expiration en partent)"
            : ''),
        ...(renewal.replacedDay !== undefined
          ? [
              `La date saisie auparavant (${frenchDay(renewal.replacedDay)}) valait pour le mot de passe précédent : ` +
                "celui-ci est daté d'aujourd'hui" +
                (renewal.verified
                  ? ", jour où Chorus Pro l'a accepté."
                  : " ; s'il a été communiqué un autre jour, donnez ce jour avec configure --password-updated-on AAAA-MM-JJ."),
            ]
          : []),
        ...(renewal.exchange ? exchangeLines(renewal.exchange) : []),
      ],
    };
  },
  // It checks with Chorus Pro first: when Chorus Pro cannot be reached, say how to save without checking.
  advice: (failure, options) =>
    options['no-verify'] === true || !unreachable.has(failure.code)
      ? failure
      : {
          ...failure,
          message: `${failure.message} Si vous êtes sûr du mot de passe, enregistrez-le sans vérification en ajoutant --no-verify (il sera vérifié au prochain test).`,
        },
};

export const setProxyPassword: Command = {
  options: ['password-stdin'],
  run: async (context) => {
    await saveAccountSecret(
      context.account.settings,
      context.services.secrets,
      'proxyPassword',
      () => secretFromStdin(context, 'password-stdin', 'Mot de passe du proxy'),
      missingFirst,
    );
    return { json: { stored: true }, lines: ['Mot de passe du proxy enregistré dans le coffre-fort.'] };
  },
};
