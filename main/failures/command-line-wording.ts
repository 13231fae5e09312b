import type { FailureCode } from '../../common/failures';
import { keychainUnavailableAdvice } from './keychain-name';

/**
 * The command line's wording of each failure, printed whole (a terminal has no « Détails » to
 * fold): what happened, then the option or command that does something about it, never the
 * window's fields. Its own words, kept as they are when the screen's were shortened (issue 35);
 * plain spaces, for consoles and for the scripts that read it. A new code needs its line here
 * and in the screen's table (screen-wording.ts): the compiler says so.
 */
export const commandLineMessages: Readonly<Record<FailureCode, string>> = {
  INVALID_INPUT: "Rien n'a été enregistré ; corrigez la commande, puis relancez-la (--help affiche l'usage).",
  INSECURE_URL:
    "Cette adresse n'est pas sécurisée : seule une adresse en https:// est acceptée (http:// uniquement vers cet ordinateur, pour le simulateur). Corrigez l'adresse.",
  MISSING_SECRET:
    "Un secret nécessaire à la connexion n'est pas enregistré dans le coffre-fort pour ce Lien URL et cet identifiant. Enregistrez le mot de passe du compte technique (set-password --password-stdin) ou le secret client PISTE (set-client-secret --client-secret-stdin), puis relancez la commande.",
  // Read when a failure is worded, not when this table is loaded: the platform is asked then.
  get KEYCHAIN_UNAVAILABLE() {
    return keychainUnavailableAdvice(process.platform);
  },
  DNS_FAILED:
    'Le nom du serveur est introuvable. Vérifiez le Lien URL (--url ; faute de frappe ?) et la connexion Internet du poste ; derrière un proxy, indiquez-le avec configure --proxy.',
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
    'Le serveur a demandé une redirection vers une autre adresse ; elle a été refusée pour ne pas y envoyer vos identifiants. Vérifiez le Lien URL (--url).',
  OAUTH_REJECTED:
    "PISTE a refusé l'identifiant client ou le secret client de l'application. Vérifiez-les (ils figurent dans votre application sur le portail PISTE), puis enregistrez-les avec configure --client-id ID et set-client-secret --client-secret-stdin.",
  AUTH_REJECTED:
    "Chorus Pro a refusé l'identifiant ou le mot de passe du compte technique. Vérifiez l'identifiant (configure --login) ; si le mot de passe a été réinitialisé ou a expiré sur le portail Chorus Pro, enregistrez le nouveau avec set-password --password-stdin.",
  FORBIDDEN:
    "Chorus Pro a refusé l'accès à ce service (HTTP 403). Vérifiez sur le portail PISTE que votre application est abonnée aux API Chorus Pro Utilisateurs et Structures dans l'environnement choisi, et que la structure a bien déclaré son raccordement par API (Raccordements > Compte technique sur le portail Chorus Pro).",
  NOT_FOUND:
    "Le service demandé est introuvable à cette adresse. Vérifiez le Lien URL (--url) et l'environnement (--env).",
  SERVER_ERROR:
    "Chorus Pro rencontre une erreur de son côté. Réessayez plus tard ; si elle persiste, consultez la page d'état de Chorus Pro ou contactez son assistance.",
  UNEXPECTED_RESPONSE:
    "Le serveur a répondu de façon inattendue : ce n'est peut-être pas Chorus Pro. Vérifiez le Lien URL (--url) et l'environnement (--env).",
  RESPONSE_TOO_LARGE:
    "La réponse du serveur est anormalement volumineuse et a été interrompue. Vérifiez le Lien URL ; si l'adresse est correcte, réessayez plus tard.",
  CHORUS_ERROR:
    "Chorus Pro a refusé la demande. Le motif indiqué entre parenthèses permet de corriger le paramétrage ; en cas de doute, contactez l'assistance Chorus Pro.",
  CANCELLED: "L'opération a été annulée. Rien n'a été modifié.",
  API_NOT_SUBSCRIBED:
    "Votre application PISTE n'est pas abonnée à l'API Chorus Pro nommée entre parenthèses (PISTE refuse l'accès, HTTP 403, alors qu'une autre API Chorus Pro répond) : vos identifiants ne sont pas en cause. Sur le portail PISTE (piste.gouv.fr), ouvrez votre application et abonnez-la à cette API, dans l'environnement utilisé (--env : la qualification et la production ont chacune leurs abonnements), puis relancez la commande.",
  RATE_LIMITED:
    "PISTE limite le nombre d'appels et demande de patienter (HTTP 429) : vos paramètres ne sont pas en cause, rien n'a été modifié. Attendez le délai indiqué entre parenthèses (retryAfterSeconds avec --json), puis relancez la commande ; test --all attend ce délai lui-même avant le compte suivant.",
  OAUTH_UNAVAILABLE:
    "Le service d'authentification de PISTE est indisponible : il n'a pas délivré de jeton (panne ou maintenance). Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause : ne modifiez rien (ni configure, ni set-client-secret). Relancez la commande dans quelques minutes ; si cela dure, consultez les annonces du portail PISTE (piste.gouv.fr).",
  ACCOUNT_INACTIVE:
    'Chorus Pro a accepté les identifiants, mais le compte technique ou ses rattachements aux structures sont inactifs : aucune structure ne peut être utilisée. Demandez au gestionnaire principal de la structure de les réactiver sur le portail Chorus Pro (gestion des utilisateurs et des rattachements de la structure), puis relancez test.',
  SETTINGS_UNWRITABLE:
    "Les paramètres n'ont pas pu être enregistrés sur le disque : rien n'a été modifié. Vérifiez l'espace disque et les droits sur le dossier de paramètres (--user-data-dir), puis réessayez.",
  PASSWORD_REFUSED:
    "Ce mot de passe ne peut pas être enregistré : rien n'a été modifié. Vérifiez le mot de passe communiqué par Chorus Pro, puis relancez set-password --password-stdin.",
  PASSWORD_UNCHANGED:
    "Ce mot de passe est déjà celui enregistré : rien n'a été modifié, sa date et celle d'expiration communiquée par Chorus Pro restent les mêmes. Pour le vérifier, lancez test ; pour le renouveler, donnez à set-password --password-stdin le nouveau mot de passe communiqué par Chorus Pro.",
  CONFIRMATION_REQUIRED:
    "Le mot de passe commence ou se termine par une espace, ce qui arrive souvent lors d'un copier-coller depuis un PDF : rien n'a été enregistré. Vérifiez-le ; s'il est bien exact avec ses espaces, relancez la commande avec --confirm-spaces.",
  PROFILE_REFUSED:
    "Ce profil de déploiement ne peut pas être importé : les paramètres actuels n'ont pas été modifiés. Donnez à import-profile un fichier écrit par export-profile (ou par l'écran, Déploiement et assistance) ; s'il vous a été transmis, demandez à son expéditeur de l'exporter à nouveau.",
  UNTRUSTED_SENDER:
    "La demande ne provient pas de la fenêtre de l'application et a été refusée. Fermez puis rouvrez l'application.",
  INTERNAL_ERROR:
    "Une erreur inattendue s'est produite et l'opération n'a pas abouti. Réessayez ; si elle se reproduit, signalez-la à votre service informatique avec le journal (journaux/chorus-pro-echanges.log dans le dossier de paramètres).",
  HOST_NOT_CONFIRMED:
    "Cette adresse n'a été confirmée par personne sur ce poste (elle vient du profil de déploiement du poste, ou de l'écran sans avoir servi) : rien n'y a été envoyé. Si elle est bien celle de votre organisation, confirmez-la avec la commande indiquée entre parenthèses, ou ouvrez l'application, qui vous la montrera avant tout envoi.",
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
