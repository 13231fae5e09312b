import type { Failure, FailureCode } from '../../preload/contract';
import { keychainUnavailableAdvice } from '../secrets/keychain-name';

/** The French message for each failure: what happened, then what to do next. */
export const failureMessages: Readonly<Record<FailureCode, string>> = {
  INVALID_INPUT:
    "Les données saisies sont invalides et n'ont pas été enregistrées. Corrigez le champ signalé puis réessayez.",
  INSECURE_URL:
    "Cette adresse n'est pas sécurisée : seule une adresse en https:// est acceptée (http:// uniquement vers cet ordinateur, pour le simulateur). Corrigez l'adresse.",
  MISSING_SECRET:
    "Un secret nécessaire à la connexion n'est pas enregistré sur ce poste. Saisissez-le (mot de passe du compte technique ou secret client PISTE), puis relancez l'opération.",
  KEYCHAIN_UNAVAILABLE: keychainUnavailableAdvice(process.platform),
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
    "Chorus Pro a refusé l'accès à ce service (HTTP 403). Vérifiez sur le portail PISTE que votre application est abonnée aux API Chorus Pro Utilisateurs et Structures dans l'environnement choisi, et que la structure a bien déclaré son raccordement par API (Raccordements > Compte technique sur le portail Chorus Pro).",
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
  API_NOT_SUBSCRIBED:
    "Votre application PISTE n'est pas abonnée à une API Chorus Pro dont le test a besoin : PISTE la refuse (HTTP 403) alors qu'une autre API Chorus Pro répond, vos identifiants ne sont donc pas en cause. Sur le portail PISTE (piste.gouv.fr), ouvrez votre application et abonnez-la à l'API indiquée, dans l'environnement choisi (la qualification et la production ont chacune leurs abonnements), puis relancez le test.",
  RATE_LIMITED:
    "PISTE limite le nombre d'appels et demande de patienter (HTTP 429) : vos paramètres ne sont pas en cause, rien n'a été modifié. Relancez le test après le délai indiqué.",
  OAUTH_UNAVAILABLE:
    "Le service d'authentification de PISTE est indisponible : il n'a pas délivré de jeton (panne ou maintenance). Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause : ne modifiez rien. Réessayez dans quelques minutes ; si cela dure, consultez les annonces du portail PISTE (piste.gouv.fr).",
  ACCOUNT_INACTIVE:
    "Chorus Pro a accepté les identifiants, mais le compte technique ou ses rattachements aux structures sont inactifs : aucune structure ne peut être utilisée. Demandez au gestionnaire principal de la structure de les réactiver sur le portail Chorus Pro (gestion des utilisateurs et des rattachements de la structure), puis relancez le test.",
  SETTINGS_UNWRITABLE:
    "Les paramètres n'ont pas pu être enregistrés sur le disque : rien n'a été modifié. Vérifiez l'espace disque et les droits sur le dossier de l'application, puis réessayez.",
  PASSWORD_REFUSED:
    "Ce mot de passe ne peut pas être enregistré : rien n'a été modifié. Vérifiez le mot de passe communiqué par Chorus Pro et saisissez-le à nouveau.",
  CONFIRMATION_REQUIRED:
    "Le mot de passe commence ou se termine par une espace, ce qui arrive souvent lors d'un copier-coller depuis un PDF : rien n'a été enregistré. Vérifiez-le, puis confirmez s'il est bien exact avec ses espaces.",
  PROFILE_REFUSED:
    "Ce profil de déploiement ne peut pas être importé : les paramètres actuels n'ont pas été modifiés. Choisissez un fichier exporté par Chorus Pro Echanges (Déploiement et assistance, Exporter le profil de déploiement) ; s'il vous a été transmis, demandez à son expéditeur de l'exporter à nouveau.",
  HOST_NOT_CONFIRMED:
    "Cette adresse n'a pas encore été confirmée sur ce poste : rien n'y a été envoyé. Relancez l'opération et, si l'adresse est bien celle de votre organisation, répondez « Autoriser » quand l'application vous la montre.",
  UNTRUSTED_SENDER:
    "La demande ne provient pas de la fenêtre de l'application et a été refusée. Fermez puis rouvrez l'application.",
  INTERNAL_ERROR:
    "Une erreur inattendue s'est produite et l'opération n'a pas abouti. Réessayez ; si elle se reproduit, redémarrez l'application et signalez-la à votre service informatique.",
  FLEET_UNREACHABLE:
    "Le dossier partagé du parc de postes est inaccessible : ce poste garde les mots de passe qu'il avait. Vérifiez que le poste est sur le réseau de la collectivité et que le partage est joignable ; si cela dure, contactez votre service informatique.",
  FLEET_FINGERPRINT_MISMATCH:
    "L'empreinte donnée ne correspond pas à la clé racine de ce dossier : rien n'a été écrit. Vérifiez l'empreinte auprès de votre service informatique (elle se lit à voix haute, par groupes de quatre) et le dossier indiqué.",
  FLEET_CODE_REFUSED:
    "Ce code d'invitation n'est pas valable : inconnu, expiré (72 heures) ou déjà utilisé ; rien n'a été écrit. Demandez un nouveau code à votre service informatique.",
  FLEET_NOT_MEMBER:
    "Ce poste ne fait partie d'aucun parc de postes : rien n'a été modifié. Votre service informatique vous indiquera comment le rejoindre.",
  FLEET_NOT_PUBLISHER:
    "Ce poste ne publie pas pour ce parc de postes (ses clés de publication ne sont pas dans le coffre-fort de cet utilisateur) : rien n'a été modifié. Lancez la commande sur le poste et la session qui ont créé le parc.",
  FLEET_NEWER_FORMAT:
    "Le dossier du parc de postes a été écrit par une version plus récente de Chorus Pro Echanges : ce poste ne l'a pas lu et garde ce qu'il avait. Mettez à jour l'application de ce poste.",
  PROGRAMS_NOT_ALLOWED:
    "Les programmes de ce poste ne sont pas autorisés à utiliser ce compte technique : rien n'a été transmis. Si un script de votre service informatique en a besoin, cochez « Autoriser les scripts de ce poste à utiliser ce compte » ; si la stratégie de la machine l'interdit, seul le service informatique peut le permettre.",
  POLICY_REFUSED:
    "La stratégie de la machine (destinations du mot de passe, autorisation des scripts) ne peut pas être lue : rien n'a été transmis. Le motif est indiqué ci-dessus ; demandez au service informatique de la corriger.",
  PASSWORD_NOT_VERIFIED:
    "Le mot de passe enregistré n'a pas encore été accepté par Chorus Pro : il n'est transmis à aucun logiciel tant qu'il ne l'est pas, pour ne jamais y reporter une faute de frappe. Lancez le test de connexion ; une fois réussi, le mot de passe est transmis.",
};

/**
 * The command line's wording where the screen's speaks of the window (a field, the advanced
 * settings, "ici"): the same facts, with the option or command that does it.
 */
export const commandLineMessages: Readonly<Partial<Record<FailureCode, string>>> = {
  INVALID_INPUT: "Rien n'a été enregistré ; corrigez la commande, puis relancez-la (--help affiche l'usage).",
  MISSING_SECRET:
    "Un secret nécessaire à la connexion n'est pas enregistré dans le coffre-fort pour ce Lien URL et cet identifiant. Enregistrez le mot de passe du compte technique (set-password --password-stdin) ou le secret client PISTE (set-client-secret --client-secret-stdin), puis relancez la commande.",
  DNS_FAILED:
    "Le nom du serveur est introuvable. Vérifiez le Lien URL (--url ; faute de frappe ?) et la connexion Internet du poste ; derrière un proxy, indiquez-le avec configure --proxy.",
  CONNECTION_FAILED:
    "Le serveur n'a pas pu être joint. Vérifiez la connexion Internet du poste, le Lien URL (--url) et, le cas échéant, le pare-feu ou le proxy (configure --proxy), puis réessayez.",
  TIMEOUT:
    "Le serveur n'a pas répondu dans le délai imparti. Réessayez dans quelques minutes ; si le réseau est lent, augmentez le délai avec configure --timeout SECONDES (120 au plus).",
  TLS_UNTRUSTED:
    "Le certificat présenté par le serveur n'est pas reconnu : la connexion a été interrompue pour protéger vos identifiants. Si votre réseau inspecte les connexions sécurisées, demandez à votre service informatique le certificat de son autorité et ajoutez-le avec configure --ca-file FICHIER.pem.",
  TLS_HOSTNAME_MISMATCH:
    "Le certificat du serveur ne correspond pas à l'adresse demandée : la connexion a été interrompue pour protéger vos identifiants. Vérifiez le Lien URL (--url) ; si l'adresse est correcte, contactez votre service informatique.",
  PROXY_FAILED:
    "Le proxy n'a pas permis d'atteindre Chorus Pro. Vérifiez l'adresse du proxy (configure --proxy) et son mot de passe (set-proxy-password --password-stdin), ou demandez à votre service informatique d'autoriser l'accès à Chorus Pro.",
  REDIRECT_REFUSED:
    "Le serveur a demandé une redirection vers une autre adresse ; elle a été refusée pour ne pas y envoyer vos identifiants. Vérifiez le Lien URL (--url).",
  OAUTH_REJECTED:
    "PISTE a refusé l'identifiant client ou le secret client de l'application. Vérifiez-les (ils figurent dans votre application sur le portail PISTE), puis enregistrez-les avec configure --client-id ID et set-client-secret --client-secret-stdin.",
  AUTH_REJECTED:
    "Chorus Pro a refusé l'identifiant ou le mot de passe du compte technique. Vérifiez l'identifiant (configure --login) ; si le mot de passe a été réinitialisé ou a expiré sur le portail Chorus Pro, enregistrez le nouveau avec set-password --password-stdin.",
  NOT_FOUND: "Le service demandé est introuvable à cette adresse. Vérifiez le Lien URL (--url) et l'environnement (--env).",
  UNEXPECTED_RESPONSE:
    "Le serveur a répondu de façon inattendue : ce n'est peut-être pas Chorus Pro. Vérifiez le Lien URL (--url) et l'environnement (--env).",
  CHORUS_ERROR:
    "Chorus Pro a refusé la demande. Le motif indiqué entre parenthèses permet de corriger le paramétrage ; en cas de doute, contactez l'assistance Chorus Pro.",
  API_NOT_SUBSCRIBED:
    "Votre application PISTE n'est pas abonnée à l'API Chorus Pro nommée entre parenthèses (PISTE refuse l'accès, HTTP 403, alors qu'une autre API Chorus Pro répond) : vos identifiants ne sont pas en cause. Sur le portail PISTE (piste.gouv.fr), ouvrez votre application et abonnez-la à cette API, dans l'environnement utilisé (--env : la qualification et la production ont chacune leurs abonnements), puis relancez la commande.",
  RATE_LIMITED:
    "PISTE limite le nombre d'appels et demande de patienter (HTTP 429) : vos paramètres ne sont pas en cause, rien n'a été modifié. Attendez le délai indiqué entre parenthèses (retryAfterSeconds avec --json), puis relancez la commande ; test --all attend ce délai lui-même avant le compte suivant.",
  OAUTH_UNAVAILABLE:
    "Le service d'authentification de PISTE est indisponible : il n'a pas délivré de jeton (panne ou maintenance). Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause : ne modifiez rien (ni configure, ni set-client-secret). Relancez la commande dans quelques minutes ; si cela dure, consultez les annonces du portail PISTE (piste.gouv.fr).",
  ACCOUNT_INACTIVE:
    "Chorus Pro a accepté les identifiants, mais le compte technique ou ses rattachements aux structures sont inactifs : aucune structure ne peut être utilisée. Demandez au gestionnaire principal de la structure de les réactiver sur le portail Chorus Pro (gestion des utilisateurs et des rattachements de la structure), puis relancez test.",
  SETTINGS_UNWRITABLE:
    "Les paramètres n'ont pas pu être enregistrés sur le disque : rien n'a été modifié. Vérifiez l'espace disque et les droits sur le dossier de paramètres (--user-data-dir), puis réessayez.",
  PASSWORD_REFUSED:
    "Ce mot de passe ne peut pas être enregistré : rien n'a été modifié. Vérifiez le mot de passe communiqué par Chorus Pro, puis relancez set-password --password-stdin.",
  CONFIRMATION_REQUIRED:
    "Le mot de passe commence ou se termine par une espace, ce qui arrive souvent lors d'un copier-coller depuis un PDF : rien n'a été enregistré. Vérifiez-le ; s'il est bien exact avec ses espaces, relancez la commande avec --confirm-spaces.",
  PROFILE_REFUSED:
    "Ce profil de déploiement ne peut pas être importé : les paramètres actuels n'ont pas été modifiés. Donnez à import-profile un fichier écrit par export-profile (ou par l'écran, Déploiement et assistance) ; s'il vous a été transmis, demandez à son expéditeur de l'exporter à nouveau.",
  HOST_NOT_CONFIRMED:
    "Cette adresse n'a été confirmée par personne sur ce poste (elle vient du profil de déploiement du poste, ou de l'écran sans avoir servi) : rien n'y a été envoyé. Si elle est bien celle de votre organisation, confirmez-la avec la commande indiquée entre parenthèses, ou ouvrez l'application, qui vous la montrera avant tout envoi.",
  INTERNAL_ERROR:
    "Une erreur inattendue s'est produite et l'opération n'a pas abouti. Réessayez ; si elle se reproduit, signalez-la à votre service informatique avec le journal (journaux/chorus-pro-echanges.log dans le dossier de paramètres).",
  FLEET_UNREACHABLE:
    "Le dossier partagé du parc de postes est inaccessible : rien n'a été modifié et ce poste garde les mots de passe qu'il avait. Vérifiez le chemin (\\\\serveur\\partage) et l'accès au réseau, puis relancez la commande ; la vérification quotidienne teste en attendant avec ce que le poste a.",
  FLEET_FINGERPRINT_MISMATCH:
    "L'empreinte donnée ne correspond pas à la clé racine de ce dossier : rien n'a été écrit. Vérifiez l'empreinte (--publisher, affichée par fleet create) et le dossier, puis relancez fleet join.",
  FLEET_CODE_REFUSED:
    "Ce code d'invitation n'est pas valable : inconnu, expiré (72 heures) ou déjà utilisé ; rien n'a été écrit. Demandez un nouveau code (fleet invite DOSSIER sur le poste de publication), ou rejoignez sans code (fleet join sans --code-stdin) et faites comparer la phrase de quatre mots.",
  FLEET_NOT_MEMBER:
    "Ce poste ne fait partie d'aucun parc de postes pour cet utilisateur : rien n'a été modifié. Rejoignez-le d'abord avec fleet join DOSSIER --publisher EMPREINTE.",
  FLEET_NOT_PUBLISHER:
    "Ce poste ne publie pas pour ce parc de postes (ses clés de publication ne sont pas dans le coffre-fort de cet utilisateur) : rien n'a été modifié. Lancez la commande sur le poste et la session qui ont fait fleet create, avec le même --user-data-dir.",
  FLEET_NEWER_FORMAT:
    "Le dossier du parc de postes a été écrit par une version plus récente de Chorus Pro Echanges : ce poste ne l'a pas lu et garde ce qu'il avait. Mettez à jour l'application de ce poste, puis relancez la commande.",
  PROGRAMS_NOT_ALLOWED:
    "Les programmes de ce poste ne sont pas autorisés à utiliser ce compte technique : rien n'a été transmis. Autorisez-les pour ce compte avec configure --allow-programs oui (ou la case « Autoriser les scripts de ce poste à utiliser ce compte » de l'écran) ; si la stratégie de la machine l'interdit (allowScripts), seul le service informatique peut le permettre.",
  POLICY_REFUSED:
    "La stratégie de la machine (destinations du mot de passe, autorisation des scripts) ne peut pas être lue : rien n'a été transmis. Le motif est indiqué entre parenthèses ; corrigez la valeur Policy de HKLM\\SOFTWARE\\Policies\\Chorus Pro Echanges (ou le fichier policy.json, propriété de root), puis relancez la commande.",
  PASSWORD_NOT_VERIFIED:
    "Le mot de passe enregistré n'a pas encore été accepté par Chorus Pro : il n'est transmis à aucun logiciel tant qu'il ne l'est pas, pour ne jamais y reporter une faute de frappe. Lancez test ; une fois réussi, le mot de passe est transmis (push le transmet à nouveau).",
};

/**
 * Failures whose detail is their cause (a wrong passphrase, a file that is not a profile): it is
 * said first, right after what could not be done, then what to do; not in parentheses at the end.
 */
const causeFirstCodes: ReadonlySet<FailureCode> = new Set(['PROFILE_REFUSED']);

/** « Ce profil … ne peut pas être importé : <cause>. Les paramètres actuels n'ont pas été modifiés. … » */
function withCauseFirst(message: string, cause: string): string {
  const said = cause.replace(/[.\s]+$/, '');
  const colon = message.indexOf(' : ');
  if (colon < 0) return `${said}. ${message}`;
  const rest = message.slice(colon + 3);
  return `${message.slice(0, colon)} : ${said}. ${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/** Where the user reads a failure: the window, or a terminal and a script. */
export type Surface = 'screen' | 'command-line';

/**
 * A failure the user can meet. Its message is meant for the user and must never hold a secret;
 * `detail` adds facts (a field, a host, Chorus Pro's own wording) that help them act.
 */
export class AppError extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail?: string,
    /** RATE_LIMITED: the wait PISTE asked for, carried to the Failure for scripts and `test --all`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ? (causeFirstCodes.has(code) ? withCauseFirst(failureMessages[code], detail) : `${failureMessages[code]} (${detail})`) : failureMessages[code]);
    this.name = 'AppError';
  }
}

/**
 * Turns anything thrown into a result that may cross the bridge: no stack, no raw error text.
 * On the command line a refused input starts with what is wrong (the detail), then what to do.
 */
export function toFailure(error: unknown, surface: Surface = 'screen'): Failure {
  const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
  const detail = error instanceof AppError ? error.detail : undefined;
  const retryAfterSeconds = error instanceof AppError ? error.retryAfterSeconds : undefined;
  const wait = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (surface === 'screen') return { ok: false, code, message: error instanceof AppError ? error.message : failureMessages[code], ...wait };
  const advice = commandLineMessages[code] ?? failureMessages[code];
  if (detail === undefined) return { ok: false, code, message: advice, ...wait };
  const message = code === 'INVALID_INPUT' ? `${detail}${/[.?!]$/.test(detail) ? '' : '.'} ${advice}` : causeFirstCodes.has(code) ? withCauseFirst(advice, detail) : `${advice} (${detail})`;
  return { ok: false, code, message, ...wait };
}

export const failure = (code: FailureCode, detail?: string): Failure =>
  toFailure(new AppError(code, detail));
