import type { Failure, FailureCode } from '../preload/contract';

/** The French message for each failure: what happened, then what to do next. */
export const failureMessages: Readonly<Record<FailureCode, string>> = {
  INVALID_INPUT:
    "Les données saisies sont invalides et n'ont pas été enregistrées. Corrigez le champ signalé puis réessayez.",
  INSECURE_URL:
    "Cette adresse n'est pas sécurisée : seule une adresse en https:// est acceptée (http:// uniquement vers cet ordinateur, pour le simulateur). Corrigez l'adresse.",
  MISSING_SECRET:
    "Un secret nécessaire à la connexion n'est pas enregistré sur ce poste. Saisissez-le (mot de passe du compte technique ou secret client PISTE), puis relancez l'opération.",
  KEYCHAIN_UNAVAILABLE:
    "Le coffre-fort de mots de passe du système (Gestionnaire d'identification Windows) est inaccessible : rien n'a été modifié. Ouvrez votre session Windows normalement, déverrouillez le coffre-fort ou libérez de la place, puis réessayez ; si le problème persiste, contactez votre service informatique.",
  DNS_FAILED:
    "Le nom du serveur est introuvable. Vérifiez le Lien URL (faute de frappe ?) et la connexion Internet du poste ; derrière un proxy, renseignez-le dans les paramètres avancés.",
  CONNECTION_FAILED:
    "Le serveur n'a pas pu être joint. Vérifiez la connexion Internet du poste, le Lien URL et, le cas échéant, le pare-feu ou le proxy, puis réessayez.",
  TIMEOUT:
    "Le serveur n'a pas répondu dans le délai imparti. Réessayez dans quelques minutes ; si le réseau est lent, augmentez le délai d'attente dans les paramètres avancés.",
  TLS_UNTRUSTED:
    "Le certificat présenté par le serveur n'est pas reconnu : la connexion a été interrompue pour protéger vos identifiants. Si votre réseau inspecte les connexions sécurisées, demandez à votre service informatique le certificat de son autorité et ajoutez-le dans les paramètres avancés.",
  TLS_HOSTNAME_MISMATCH:
    "Le certificat du serveur ne correspond pas à l'adresse demandée : la connexion a été interrompue pour protéger vos identifiants. Vérifiez le Lien URL ; si l'adresse est correcte, contactez votre service informatique.",
  PROXY_FAILED:
    "Le proxy n'a pas permis d'atteindre Chorus Pro. Vérifiez l'adresse du proxy et son mot de passe dans les paramètres avancés, ou demandez à votre service informatique d'autoriser l'accès à Chorus Pro.",
  REDIRECT_REFUSED:
    "Le serveur a demandé une redirection vers une autre adresse ; elle a été refusée pour ne pas y envoyer vos identifiants. Vérifiez le Lien URL.",
  OAUTH_REJECTED:
    "PISTE a refusé l'identifiant client ou le secret client de l'application. Vérifiez-les dans les paramètres avancés (ils figurent dans votre application sur le portail PISTE).",
  AUTH_REJECTED:
    "Chorus Pro a refusé l'identifiant ou le mot de passe du compte technique. Vérifiez l'identifiant ; si le mot de passe a été réinitialisé ou a expiré sur le portail Chorus Pro, saisissez ici le nouveau mot de passe.",
  FORBIDDEN:
    "Chorus Pro a refusé l'accès à ce service. Vérifiez que votre application PISTE est abonnée à l'API Chorus Pro et que la structure a bien déclaré son raccordement par API (Raccordements > Compte technique sur le portail Chorus Pro).",
  NOT_FOUND:
    "Le service demandé est introuvable à cette adresse. Vérifiez le Lien URL et l'environnement choisi.",
  SERVER_ERROR:
    "Chorus Pro rencontre une erreur de son côté. Réessayez plus tard ; si elle persiste, consultez la page d'état de Chorus Pro ou contactez son assistance.",
  UNEXPECTED_RESPONSE:
    "Le serveur a répondu de façon inattendue : ce n'est peut-être pas Chorus Pro. Vérifiez le Lien URL et l'environnement choisi.",
  RESPONSE_TOO_LARGE:
    "La réponse du serveur est anormalement volumineuse et a été interrompue. Vérifiez le Lien URL ; si l'adresse est correcte, réessayez plus tard.",
  CHORUS_ERROR:
    "Chorus Pro a refusé la demande. Le motif indiqué ci-dessus permet de corriger le paramétrage ; en cas de doute, contactez l'assistance Chorus Pro.",
  CANCELLED: "L'opération a été annulée. Rien n'a été modifié.",
  SETTINGS_UNWRITABLE:
    "Les paramètres n'ont pas pu être enregistrés sur le disque : rien n'a été modifié. Vérifiez l'espace disque et les droits sur le dossier de l'application, puis réessayez.",
  PASSWORD_REFUSED:
    "Ce mot de passe ne peut pas être enregistré : rien n'a été modifié. Vérifiez le mot de passe communiqué par Chorus Pro et saisissez-le à nouveau.",
  CONFIRMATION_REQUIRED:
    "Le mot de passe commence ou se termine par une espace, ce qui arrive souvent lors d'un copier-coller depuis un PDF : rien n'a été enregistré. Vérifiez-le, puis confirmez s'il est bien exact avec ses espaces.",
  PROFILE_REFUSED:
    "Ce profil de déploiement ne peut pas être importé : les paramètres actuels n'ont pas été modifiés. Demandez à votre service informatique un profil exporté par Chorus Pro Echanges.",
  UNTRUSTED_SENDER:
    "La demande ne provient pas de la fenêtre de l'application et a été refusée. Fermez puis rouvrez l'application.",
  INTERNAL_ERROR:
    "Une erreur inattendue s'est produite et l'opération n'a pas abouti. Réessayez ; si elle se reproduit, redémarrez l'application et signalez-la à votre service informatique.",
};

/**
 * A failure the user can meet. Its message is meant for the user and must never hold a secret;
 * `detail` adds facts (a field, a host, Chorus Pro's own wording) that help them act.
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
