import type { FailureCode, FailureField } from '../../common/failures';
import { keychainUnavailableAdvice } from './keychain-name';

/**
 * How a failure reads on the screen (issue 35): what the accountant reads first is at most two
 * lines, what to do first, then why in a few words; what only an IT person needs (codes, hosts,
 * HTTP statuses, jeton, API names, `invalid_client`) is folded under « Détails ».
 */
export interface ScreenWording {
  /** What went wrong, in a few words: « Dernier test : … — échec (reason) », the daily check's notification. */
  readonly reason: string;
  /** The message: what to do, then why; 200 characters at most (scripts/french-typography.test.ts). */
  readonly message: string;
  /** What the screen folds under « Détails »; the failure's own detail (a host, a status) follows it. */
  readonly details?: string;
  /** Names the failure's own detail in the details (« Serveur : chorus.example »); « Précision » by default. */
  readonly detailLabel?: string;
  /**
   * When set, the failure's own detail says what is wrong with a value (a field, a password, a
   * profile): it leads the message, followed by these words, instead of being folded.
   */
  readonly afterDetail?: string;
  /** The field of the screen the failure is about, whatever raised it (the screen marks it). */
  readonly field?: FailureField;
  /** The message when the failure names a field, where it differs. */
  readonly fieldMessages?: Partial<Record<FailureField, string>>;
}

/**
 * Every failure code's words on the screen. Plain spaces here: the French typography (non-breaking
 * spaces) is applied when a failure is built for the screen (common/french-typography.ts). A new
 * code needs its entry here, in the command line's table (command-line-wording.ts), and its line
 * in docs/guide-utilisateur.md (scripts/guides.test.ts).
 */
export const screenWordings: Readonly<Record<FailureCode, ScreenWording>> = {
  INVALID_INPUT: {
    reason: 'paramètre incorrect',
    message: "Corrigez le champ signalé, puis réessayez : rien n'a été enregistré.",
    afterDetail: "Rien n'a été enregistré.",
  },
  INSECURE_URL: {
    reason: 'adresse non sécurisée',
    message:
      "Choisissez l'environnement dans la liste, ou saisissez une adresse en https:// : cette adresse n'est pas sécurisée.",
    details:
      'Seules les adresses https:// sont acceptées ; http:// seulement vers cet ordinateur, pour le simulateur de Chorus Pro.',
    detailLabel: 'Champ',
  },
  MISSING_SECRET: {
    reason: 'secret absent de ce poste',
    message:
      'Saisissez le mot de passe du compte technique, ou faites enregistrer le secret client PISTE par votre service informatique : il manque sur ce poste.',
    fieldMessages: {
      password:
        "Saisissez ici le mot de passe du compte technique, puis lancez le test de connexion : aucun n'est enregistré sur ce poste.",
      clientSecret:
        "Secret client PISTE : à faire enregistrer par votre service informatique, pour cette adresse. Rien n'a été envoyé.",
    },
  },
  KEYCHAIN_UNAVAILABLE: {
    reason: 'coffre-fort inaccessible',
    message:
      "Rouvrez votre session ou déverrouillez le coffre-fort de mots de passe, puis réessayez : il est inaccessible, rien n'a été modifié.",
    // Read when a failure is worded, not when this table is loaded: the platform is asked then.
    get details() {
      return keychainUnavailableAdvice(process.platform);
    },
  },
  DNS_FAILED: {
    reason: 'serveur introuvable',
    message:
      "Vérifiez la connexion Internet du poste et l'environnement choisi, puis réessayez : le serveur est introuvable.",
    details:
      "Le nom du serveur n'a pas été trouvé (DNS) : faute de frappe dans le Lien URL, poste sans réseau, ou proxy à renseigner dans les paramètres avancés.",
    detailLabel: 'Serveur',
  },
  CONNECTION_FAILED: {
    reason: 'serveur injoignable',
    message: "Vérifiez la connexion Internet du poste, puis réessayez : le serveur n'a pas pu être joint.",
    details:
      'Connexion refusée ou coupée : le Lien URL, le pare-feu ou le proxy (paramètres avancés) peuvent en être la cause ; si cela persiste, appelez votre service informatique.',
    detailLabel: 'Serveur',
  },
  TIMEOUT: {
    reason: 'pas de réponse dans le délai',
    message: "Réessayez dans quelques minutes : le serveur n'a pas répondu dans le délai imparti.",
    details:
      "Si le réseau est lent, votre service informatique peut augmenter le délai d'attente dans les paramètres avancés (120 secondes au plus).",
  },
  TLS_UNTRUSTED: {
    reason: 'certificat du serveur non reconnu',
    message:
      "Appelez votre service informatique : le certificat du serveur n'est pas reconnu, la connexion a été coupée pour protéger vos identifiants.",
    details:
      "Si le réseau du poste inspecte les connexions sécurisées, le certificat de son autorité (fichier PEM) s'ajoute dans les paramètres avancés, « Certificat d'autorité ».",
    detailLabel: 'Serveur',
  },
  TLS_HOSTNAME_MISMATCH: {
    reason: "certificat d'un autre serveur",
    message:
      "Vérifiez l'environnement choisi, sinon appelez votre service informatique : le certificat du serveur ne correspond pas à l'adresse demandée.",
    details: 'La connexion a été coupée pour protéger vos identifiants.',
    detailLabel: 'Serveur',
  },
  PROXY_FAILED: {
    reason: 'proxy en échec',
    message: "Appelez votre service informatique : le proxy n'a pas permis d'atteindre Chorus Pro.",
    details:
      "Il vérifie l'adresse du proxy et son mot de passe dans les paramètres avancés, ou autorise l'accès à Chorus Pro sur le proxy.",
  },
  REDIRECT_REFUSED: {
    reason: 'redirection refusée',
    message:
      "Choisissez l'environnement dans la liste : le serveur a demandé une redirection, refusée pour ne pas y envoyer vos identifiants.",
  },
  OAUTH_REJECTED: {
    reason: 'identifiant ou secret client PISTE refusé',
    message:
      "Faites vérifier l'identifiant et le secret client PISTE par votre service informatique, dans les paramètres avancés : PISTE les a refusés.",
    details:
      "PISTE a refusé l'application (invalid_client) : l'identifiant client ou le secret client ne sont pas ceux de l'application déclarée sur le portail PISTE, dans cet environnement.",
  },
  AUTH_REJECTED: {
    reason: 'mot de passe refusé par Chorus Pro',
    message:
      'Saisissez ici le nouveau mot de passe communiqué par Chorus Pro, puis lancez le test : Chorus Pro refuse celui-ci.',
    details:
      "Chorus Pro refuse le couple identifiant utilisateur et mot de passe (HTTP 401). Le plus souvent, le mot de passe a été réinitialisé ou a expiré sur le portail Chorus Pro ; sinon, vérifiez l'identifiant utilisateur.",
    field: 'password',
  },
  FORBIDDEN: {
    reason: 'accès refusé par Chorus Pro',
    message:
      "Appelez votre service informatique ou votre gestionnaire principal Chorus Pro : Chorus Pro refuse l'accès à ce service.",
    details:
      "Chorus Pro a répondu HTTP 403. Sur le portail PISTE, l'application doit être abonnée aux API Chorus Pro Utilisateurs et Structures dans l'environnement choisi ; sur le portail Chorus Pro, la structure doit avoir déclaré son raccordement par API (Raccordements > Compte technique).",
  },
  NOT_FOUND: {
    reason: 'service introuvable',
    message: "Vérifiez l'environnement choisi : le service demandé est introuvable à cette adresse.",
  },
  SERVER_ERROR: {
    reason: 'erreur de Chorus Pro',
    message: "Réessayez plus tard, rien n'est à corriger chez vous : Chorus Pro rencontre une erreur de son côté.",
    details: "Si l'erreur persiste, consultez la page d'état de Chorus Pro ou contactez son assistance.",
  },
  UNEXPECTED_RESPONSE: {
    reason: 'réponse inattendue',
    message:
      "Vérifiez l'environnement choisi : le serveur a répondu de façon inattendue, ce n'est peut-être pas Chorus Pro.",
  },
  RESPONSE_TOO_LARGE: {
    reason: 'réponse trop volumineuse',
    message:
      "Vérifiez l'environnement choisi, puis réessayez plus tard : la réponse du serveur était anormalement volumineuse.",
    details: 'La réponse a été interrompue à 4 Mo.',
    detailLabel: 'Serveur',
  },
  CHORUS_ERROR: {
    reason: 'demande refusée par Chorus Pro',
    message:
      "Corrigez le paramétrage selon le motif de Chorus Pro, sous « Détails » ; en cas de doute, contactez l'assistance Chorus Pro.",
    detailLabel: 'Motif',
  },
  CANCELLED: {
    reason: 'annulé',
    message: "L'opération a été annulée : rien n'a été modifié.",
  },
  API_NOT_SUBSCRIBED: {
    reason: 'application PISTE non abonnée',
    message:
      "Appelez votre service informatique : l'application PISTE n'a pas accès à une API dont le test a besoin. Vos identifiants ne sont pas en cause.",
    details:
      "PISTE refuse cette API (HTTP 403) alors qu'une autre API Chorus Pro répond. Sur le portail PISTE (piste.gouv.fr), ouvrez l'application et abonnez-la à l'API nommée ci-après, dans l'environnement choisi : la qualification et la production ont chacune leurs abonnements.",
  },
  RATE_LIMITED: {
    reason: "trop d'appels à PISTE",
    message:
      "Relancez le test dans quelques minutes : PISTE limite le nombre d'appels. Vos paramètres ne sont pas en cause, rien n'a été modifié.",
    afterDetail: "PISTE limite le nombre d'appels : vos paramètres ne sont pas en cause, rien n'a été modifié.",
    details: "Quota d'appels de l'application PISTE atteint (HTTP 429).",
  },
  OAUTH_UNAVAILABLE: {
    reason: 'authentification PISTE indisponible',
    message:
      "Ne modifiez rien et réessayez dans quelques minutes : le service d'authentification de PISTE est indisponible.",
    details:
      "PISTE n'a pas délivré de jeton (panne ou maintenance). Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause. Si cela dure, consultez les annonces du portail PISTE (piste.gouv.fr).",
  },
  ACCOUNT_INACTIVE: {
    reason: 'compte technique inactif',
    message:
      'Demandez au gestionnaire principal de votre structure de réactiver le compte technique et ses rattachements sur le portail Chorus Pro : ils sont inactifs.',
    details:
      "Chorus Pro a accepté l'identifiant et le mot de passe, mais aucune structure ne peut être utilisée (portail Chorus Pro, gestion des utilisateurs et des rattachements de la structure).",
  },
  SETTINGS_UNWRITABLE: {
    reason: 'paramètres non enregistrés',
    message:
      "Appelez votre service informatique : les paramètres n'ont pas pu être enregistrés sur le disque, rien n'a été modifié.",
    details: "Disque plein, ou dossier de l'application protégé en écriture.",
  },
  PASSWORD_REFUSED: {
    reason: 'mot de passe refusé',
    message:
      "Saisissez le nouveau mot de passe communiqué par Chorus Pro : celui-ci ne peut pas être enregistré, rien n'a été modifié.",
    afterDetail: "Saisissez le nouveau mot de passe communiqué par Chorus Pro : rien n'a été modifié.",
    field: 'password',
  },
  PASSWORD_UNCHANGED: {
    reason: 'mot de passe inchangé',
    message:
      "Saisissez le nouveau mot de passe communiqué par Chorus Pro : celui-ci est déjà le mot de passe enregistré, rien n'a été modifié.",
    details: "Sa date de mise à jour et la date d'expiration communiquée par Chorus Pro restent les mêmes.",
    field: 'password',
  },
  CONFIRMATION_REQUIRED: {
    reason: 'espaces à confirmer',
    message:
      "Vérifiez le mot de passe, puis confirmez-le s'il est exact avec ses espaces : il commence ou se termine par une espace. Rien n'a été enregistré.",
    details: "Cela arrive souvent lors d'un copier-coller depuis un PDF.",
  },
  PROFILE_REFUSED: {
    reason: 'profil refusé',
    message:
      "Demandez un nouveau profil à celui qui vous l'a envoyé : celui-ci ne peut pas être importé, rien n'a changé.",
    afterDetail: "Rien n'a changé : demandez un nouveau profil à celui qui vous l'a envoyé.",
    details:
      "Un profil de déploiement s'exporte depuis « Déploiement et assistance », « Exporter le profil de déploiement ».",
  },
  UNTRUSTED_SENDER: {
    reason: 'demande refusée',
    message: "Fermez puis rouvrez l'application : la demande ne provient pas de sa fenêtre et a été refusée.",
  },
  INTERNAL_ERROR: {
    reason: 'erreur inattendue',
    message:
      "Réessayez, puis redémarrez l'application si l'erreur se reproduit, et signalez-la à votre service informatique : une erreur inattendue s'est produite.",
    details:
      'Le dossier des journaux (« Déploiement et assistance », « Ouvrir le dossier des journaux ») aide à la comprendre.',
  },
  HOST_NOT_CONFIRMED: {
    reason: 'adresse non confirmée',
    message:
      "Relancez l'opération et répondez « Autoriser » si l'adresse est bien celle de votre organisation : elle n'a pas encore été confirmée sur ce poste, rien n'y a été envoyé.",
    details: "L'adresse vient du profil de déploiement du poste, ou a été saisie sans avoir encore servi.",
    detailLabel: 'Adresse',
  },
  FLEET_UNREACHABLE: {
    reason: 'partage du parc inaccessible',
    message:
      "Vérifiez que le poste est sur le réseau de la collectivité : le dossier partagé du parc de postes est inaccessible. Ce poste garde les mots de passe qu'il avait.",
    details: 'Si cela dure, contactez votre service informatique.',
  },
  FLEET_FINGERPRINT_MISMATCH: {
    reason: 'empreinte du parc incorrecte',
    message:
      "Vérifiez l'empreinte auprès de votre service informatique : elle ne correspond pas à la clé racine de ce dossier, rien n'a été écrit.",
    details: "L'empreinte se lit à voix haute, par groupes de quatre caractères.",
  },
  FLEET_CODE_REFUSED: {
    reason: "code d'invitation refusé",
    message:
      "Demandez un nouveau code d'invitation à votre service informatique : celui-ci est inconnu, expiré (72 heures) ou déjà utilisé. Rien n'a été écrit.",
  },
  FLEET_NOT_MEMBER: {
    reason: 'poste hors du parc',
    message:
      "Demandez à votre service informatique comment rejoindre le parc de postes : ce poste n'en fait pas partie, rien n'a été modifié.",
  },
  FLEET_NOT_PUBLISHER: {
    reason: 'poste non éditeur du parc',
    message:
      "Publiez depuis le poste et la session qui ont créé le parc de postes : celui-ci n'a pas ses clés de publication, rien n'a été modifié.",
  },
  FLEET_NEWER_FORMAT: {
    reason: 'parc écrit par une version plus récente',
    message:
      "Faites mettre à jour l'application sur ce poste : le dossier du parc de postes a été écrit par une version plus récente. Ce poste garde ce qu'il avait.",
  },
  PROGRAMS_NOT_ALLOWED: {
    reason: 'scripts non autorisés',
    message:
      "Cochez « Autoriser les scripts de ce poste à utiliser ce compte » si votre service informatique le demande : ils n'y sont pas autorisés, rien n'a été transmis.",
    details: "Si la stratégie de la machine l'interdit, seul le service informatique peut le permettre.",
  },
  POLICY_REFUSED: {
    reason: 'stratégie de la machine illisible',
    message:
      "Appelez votre service informatique : la stratégie de la machine (destinations du mot de passe) ne peut pas être lue, rien n'a été transmis.",
    detailLabel: 'Motif',
  },
  PASSWORD_NOT_VERIFIED: {
    reason: 'mot de passe non vérifié',
    message:
      "Lancez le test de connexion : le mot de passe n'a pas encore été accepté par Chorus Pro, et il n'est transmis à aucun logiciel avant.",
    details: "Ainsi, une faute de frappe n'est jamais reportée dans le logiciel financier.",
  },
};
