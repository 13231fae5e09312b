import type { Failure, FailureCode } from '../preload/contract';

/** The French message for each failure: what happened, then what to do next. */
export const failureMessages: Readonly<Record<FailureCode, string>> = {
  INVALID_INPUT:
    "Les données transmises sont invalides et n'ont pas été enregistrées. Corrigez les champs signalés puis réessayez.",
  INSECURE_URL:
    "Cette adresse n'est pas sécurisée : seule une adresse en https:// est acceptée (http:// uniquement vers cet ordinateur, pour le simulateur). Corrigez l'adresse.",
  UNTRUSTED_SENDER:
    "La demande ne provient pas de la fenêtre de l'application et a été refusée. Fermez puis rouvrez l'application.",
  KEYCHAIN_UNAVAILABLE:
    "Le coffre-fort de mots de passe du système (Gestionnaire d'identification Windows) est inaccessible : rien n'a été modifié. Ouvrez votre session Windows normalement, déverrouillez le coffre-fort ou libérez de la place, puis réessayez ; si le problème persiste, contactez votre service informatique.",
  SETTINGS_UNWRITABLE:
    "Les paramètres n'ont pas pu être enregistrés sur le disque : rien n'a été modifié. Vérifiez l'espace disque et les droits sur le dossier de l'application, puis réessayez.",
  INTERNAL_ERROR:
    "Une erreur inattendue s'est produite et l'opération n'a pas abouti. Réessayez ; si elle se reproduit, redémarrez l'application et signalez-la à votre service informatique.",
};

/**
 * A failure the user can meet. Its message is meant for the user and must never hold a secret;
 * `detail` adds facts (a field name, a host) that help them act.
 */
export class AppError extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail?: string,
  ) {
    super(detail ? `${failureMessages[code]} (${detail})` : failureMessages[code]);
    this.name = 'AppError';
  }
}

/** Turns anything thrown into a result that may cross the bridge: no stack, no raw error text. */
export function toFailure(error: unknown): Failure {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
  return { ok: false, code: 'INTERNAL_ERROR', message: failureMessages.INTERNAL_ERROR };
}

export const failure = (code: FailureCode, detail?: string): Failure =>
  toFailure(new AppError(code, detail));
