/**
 * The bridge's contract: every channel between the renderer and the main process, with the
 * schema of its arguments and the type of its result. The main process registers one handler per
 * channel, the preload exposes one function per channel, and the renderer imports types only, so a
 * channel missing or mistyped on any side fails to compile.
 *
 * No Electron and no Node here. The preload imports its types only: the build hands it the channel
 * names (scripts/build.mjs), so the schema library stays out of the sandboxed preload.
 */
import { z } from 'zod';

export const failureCodes = [
  // What the Chorus Pro client can meet (one closed set, each with its French message).
  'INVALID_INPUT',
  'INSECURE_URL',
  'MISSING_SECRET',
  'KEYCHAIN_UNAVAILABLE',
  'DNS_FAILED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'TLS_UNTRUSTED',
  'TLS_HOSTNAME_MISMATCH',
  'PROXY_FAILED',
  'REDIRECT_REFUSED',
  'OAUTH_REJECTED',
  'AUTH_REJECTED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SERVER_ERROR',
  'UNEXPECTED_RESPONSE',
  'RESPONSE_TOO_LARGE',
  'CHORUS_ERROR',
  'CANCELLED',
  // Answers of the real service read precisely (docs/chorus-pro-api.md, "Errors").
  'API_NOT_SUBSCRIBED',
  'RATE_LIMITED',
  'OAUTH_UNAVAILABLE',
  'ACCOUNT_INACTIVE',
  // Storage and the bridge.
  'SETTINGS_UNWRITABLE',
  'PASSWORD_REFUSED',
  // The password typed is the one already stored: nothing changes (its date and Chorus Pro's expiry stay).
  'PASSWORD_UNCHANGED',
  'CONFIRMATION_REQUIRED',
  'PROFILE_REFUSED',
  // A host no one confirmed on this workstation (a machine profile's): the command line cannot ask.
  'HOST_NOT_CONFIRMED',
  'UNTRUSTED_SENDER',
  'INTERNAL_ERROR',
  // The fleet: one renewal published for every workstation (main/fleet/).
  'FLEET_UNREACHABLE',
  'FLEET_FINGERPRINT_MISMATCH',
  'FLEET_CODE_REFUSED',
  'FLEET_NOT_MEMBER',
  'FLEET_NOT_PUBLISHER',
  'FLEET_NEWER_FORMAT',
  // The exchange software follows the renewal (issue 33).
  'PROGRAMS_NOT_ALLOWED',
  'POLICY_REFUSED',
  'PASSWORD_NOT_VERIFIED',
] as const;
export type FailureCode = (typeof failureCodes)[number];

/** The fields of the screen a failure may be about: the screen marks it and puts its message there. */
export const failureFields = ['login', 'password', 'clientId', 'clientSecret'] as const;
export type FailureField = (typeof failureFields)[number];

/**
 * What a failed call returns: a code for the program and a French message for the user. On the
 * screen, `message` is what the user reads first (at most two lines: what to do, then why) and
 * `details` what the screen folds under « Détails » (codes, hosts, HTTP statuses); on the command
 * line, `message` is the whole of it and there are no `details`.
 */
export interface Failure {
  readonly ok: false;
  readonly code: FailureCode;
  readonly message: string;
  /** Screen only: the facts an IT person needs, folded under « Détails ». */
  readonly details?: string;
  /** Screen only: the field the failure is about (its message stands there). */
  readonly field?: FailureField;
  /** RATE_LIMITED: the wait PISTE asked for (`Retry-After`), in seconds, when it gave one. */
  readonly retryAfterSeconds?: number;
}
export type Success<Payload extends object> = { readonly ok: true } & Payload;
export type Outcome<Payload extends object> = Success<Payload> | Failure;

export const environmentNames = ['production', 'qualification', 'custom'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

export const alertDelayBounds = { min: 1, max: 13, default: 12 } as const;
export const timeoutBounds = { min: 5, max: 120, default: 30 } as const;

const urlText = z.string().trim().max(2048);

const settingsChangeShape = {
  environment: z.enum(environmentNames),
  apiBaseUrl: urlText,
  tokenUrl: urlText,
  login: z.string().trim().max(256),
  clientId: z.string().trim().max(256),
  alertDelayMonths: z.int().min(alertDelayBounds.min).max(alertDelayBounds.max),
  timeoutSeconds: z.int().min(timeoutBounds.min).max(timeoutBounds.max),
  proxyUrl: urlText,
  caCertificatePath: z.string().max(4096),
};

/**
 * The settings the command line and a deployment profile may change; `passwordUpdatedAt` only
 * changes with a renewal.
 */
export const settingsChangeSchema = z
  .object({
    ...settingsChangeShape,
    /**
     * With `caCertificatePath`, from a deployment profile only: whether its authority also serves
     * PISTE's official hosts (the profile's `"trustForOfficialHosts": true`). Never from the page.
     */
    caForOfficialHosts: z.boolean(),
  })
  .partial()
  .strict();
export type SettingsChange = z.input<typeof settingsChangeSchema>;

/**
 * The settings the page may change. It may clear the extra authority, never name a file: a path
 * from the page would let it trust any certificate (and probe which files exist); only the
 * main-process dialog of `chooseCaCertificate` sets one.
 */
export const screenSettingsChangeSchema = z
  .object({ ...settingsChangeShape, caCertificatePath: z.literal('') })
  .partial()
  .strict();
export type ScreenSettingsChange = z.input<typeof screenSettingsChangeSchema>;

export interface SettingsView {
  readonly environment: EnvironmentName;
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  readonly login?: string;
  readonly clientId?: string;
  readonly alertDelayMonths: number;
  readonly passwordUpdatedAt?: string;
  readonly timeoutSeconds: number;
  readonly proxyUrl?: string;
  readonly caCertificatePath?: string;
}

/** Which secrets the keychain holds: the renderer learns that they exist, never their value. */
export interface SecretsPresence {
  /** null: unknown, the keychain could not be read (see `keychainUnavailable`). */
  readonly password: boolean | null;
  /**
   * False while the stored password was kept without Chorus Pro checking it (offline, or from a
   * profile); null when no password is stored or the keychain could not be read.
   */
  readonly passwordVerified: boolean | null;
  readonly clientSecret: boolean | null;
  /** Only meaningful when the proxy address names a user. */
  readonly proxyPassword: boolean | null;
}

/**
 * One place that keeps its own copy of the technical password (issue 33): a line of the manual
 * checklist, or a script or server destination of the machine policy.
 */
export interface DestinationView {
  readonly name: string;
  readonly kind: 'manual' | 'script' | 'server';
  /**
   * done: à jour; failed: en échec; todo: à faire (manual, not confirmed; a machine destination
   * not tried for this password); waiting: nothing to do until Chorus Pro accepts a new password.
   */
  readonly state: 'done' | 'failed' | 'todo' | 'waiting';
  /** When it was brought up to date, or last tried. */
  readonly at?: string;
  /** Why it failed, in French. */
  readonly message?: string;
  /** What a script printed, its secrets masked. */
  readonly output?: string;
}

/** The places that keep a copy of an account's password, and whether local programs may use it. */
export interface ExchangeView {
  readonly destinations: readonly DestinationView[];
  /** The stored password was accepted by Chorus Pro: only then are its copies made. */
  readonly passwordAccepted: boolean;
  /** When the current password was pushed; absent before its first push. */
  readonly pushedAt?: string;
  /** « Autoriser les scripts de ce poste à utiliser ce compte ». */
  readonly allowPrograms: boolean;
  /** Why local programs may not use it whatever the account says (the machine policy), in French. */
  readonly programsForbidden?: string;
  /** The machine policy is there but cannot be used: why, in French. */
  readonly policyRefusal?: string;
  /** Another workstation (the fleet's publisher) pushes this account's password. */
  readonly pushedElsewhere?: true;
}

/** What the renderer learns of a renewal: never the password itself. */
export interface PasswordRenewal {
  readonly stored: boolean;
  readonly updatedAt: string;
  /** False when the user chose to keep it without Chorus Pro checking it. */
  readonly verified: boolean;
  /** Accepted by Chorus Pro: what became of its copies. */
  readonly exchange?: ExchangeView;
  /** The first password of the account kept the date typed before it (the portal's e-mail). */
  readonly keptTypedDay?: true;
  /** A date given for the previous, unverified password that this one's date replaced (ISO). */
  readonly replacedDay?: string;
}

/** A calendar day as `<input type="date">` and the command line give it: AAAA-MM-JJ. */
export const daySchema = z.string().max(10);

export const passwordRenewalSchema = z
  .object({
    password: z.string().max(10_000),
    verify: z.boolean(),
    surroundingSpacesConfirmed: z.boolean(),
    /** Only with `verify: false`: the day Chorus Pro communicated this password. */
    communicatedOn: daySchema.optional(),
  })
  .strict();

/** A passphrase that protects the secrets a deployment profile carries; never stored. */
export const passphraseSchema = z.string().max(1024);
export const minPassphraseLength = 12 as const;

/** One structure the technical account is attached to, as the screen lists it. */
export interface ChorusStructure {
  readonly id: number;
  readonly designation: string;
  readonly identifier: string;
  readonly identifierType: string;
  readonly status: string;
  readonly role: string;
  readonly services: readonly { readonly code: string; readonly label: string; readonly active: boolean }[];
}

export interface ConnectionTestResult {
  readonly structureCount: number;
  readonly durationMs: number;
  /** The first success after an unverified save or an import pushed the password: what became of its copies. */
  readonly exchange?: ExchangeView;
}

export interface StructureDetails {
  readonly id: number;
  readonly designation: string;
  readonly identifier: string;
  readonly identifierType: string;
  /** `dateExpirationMotPasseCompteTech` as Chorus Pro wrote it, when it gives one. */
  readonly passwordExpiresAt?: string;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly electronVersion?: string;
  readonly chromeVersion?: string;
  readonly userDataDir: string;
}

/** One setting a deployment profile would change, for the user to confirm. */
export interface ProfileChange {
  readonly setting: string;
  readonly before: string;
  readonly after: string;
}

export type ProfilePreview =
  | { readonly chosen: false }
  | {
      readonly chosen: true;
      readonly file: string;
      readonly changes: readonly ProfileChange[];
      /** The profile carries encrypted secrets: importing it asks for its passphrase. */
      readonly withSecrets: boolean;
    };

/** What an export wrote; `withSecrets` when the passwords went in, encrypted. */
export interface ProfileExport {
  readonly saved: boolean;
  readonly file?: string;
  readonly withSecrets?: boolean;
}

/** When the technical password should be renewed; dates are the user's local days, YYYY-MM-DD. */
export type PasswordReminder =
  | { readonly known: false; readonly due: false }
  | {
      readonly known: true;
      readonly due: boolean;
      readonly dueOn: string;
      readonly expiresOn: string;
      /** `chorus-pro` when Chorus Pro reported the expiry, `estimate` for last renewal + 424 days. */
      readonly source: 'estimate' | 'chorus-pro';
      /** With `chorus-pro`: the structure whose date it is (the earliest of those read). */
      readonly expiryStructure?: string;
      readonly daysLeft: number;
      readonly expired: boolean;
    };

/** The last connection test of an account's saved settings (any test: the button, the command line, the daily check). */
export interface LastCheckView {
  readonly at: string;
  readonly ok: boolean;
  readonly code: string | null;
  /** What went wrong, in a few French words; null when it succeeded. */
  readonly reason: string | null;
}

/** One technical account as the account bar and the reminder list show it. */
export interface AccountSummary {
  readonly name: string;
  readonly login?: string;
  readonly environment: EnvironmentName;
  readonly reminder: PasswordReminder;
  /** Absent until the account's first test. */
  readonly lastCheck?: LastCheckView;
}

/**
 * Every account, in the user's order: asked for once, and again only when a settings answer's
 * `accountsRevision` differs from this one (200 accounts in every answer slowed the screen).
 */
export interface AccountList {
  readonly accounts: readonly AccountSummary[];
  readonly revision: string;
}

export const accountNameInput = z.string().max(200);
/** A destination's name as the screen sends it; checked in the main process (destinations/). */
export const destinationNameInput = z.string().max(200);
/** How long a password copied for a destination stays on the clipboard, if nothing replaced it. */
export const clipboardClearSeconds = 60 as const;

export interface SettingsSnapshot {
  /** The selected account, whose settings follow. */
  readonly account: { readonly name: string };
  /** How many accounts there are; their list comes from `listAccounts`. */
  readonly accountCount: number;
  /** Changes whenever any account's summary does: the list held is then asked for again. */
  readonly accountsRevision: string;
  readonly settings: SettingsView;
  readonly secrets: SecretsPresence;
  readonly reminder: PasswordReminder;
  /** The selected account's last test, absent until its first. */
  readonly lastCheck?: LastCheckView;
  /** That last test failed: what to do about it, as its failure said it, until the next test. */
  readonly lastFailure?: Failure;
  /** Whether "Date de dernière mise à jour" may be given by the user (unknown, or not verified). */
  readonly passwordDayEditable: boolean;
  /** Set when the keychain could not be read: which secrets exist is then unknown. */
  readonly keychainUnavailable?: true;
  /** Set once, in the run that found the settings file unreadable and kept a copy of it. */
  readonly recoveredFrom?: string;
  /** The machine-wide profile applied at first start carries encrypted secrets still to import. */
  readonly machineProfileSecretsPending?: true;
  /** Why the machine-wide profile was not applied at first start, and what to do (until a profile is imported). */
  readonly machineProfileRefusal?: string;
}

/** The fleet (one renewal published for every workstation) as the screen shows it for the account on screen. */
export interface FleetView {
  /** The account is kept by the IT department's fleet: the revision applied here and when (ISO). */
  readonly managed?: { readonly revision: number; readonly receivedAt: string };
  /** This user asked to join a fleet that has sent it nothing yet: the phrase the IT person compares, and its id. */
  readonly waiting?: { readonly phrase: string | null; readonly memberId: string };
  /** The machine's fleet pointer not followed (or not joined yet): what happened and what to do, in French. */
  readonly pointer?: string;
}

/** One row of the publisher's « Parc de postes » (main/fleet/report-rows.ts): a workstation × an account, in words. */
export interface FleetParkRow {
  readonly memberId: string;
  readonly workstation: string;
  readonly account: string;
  readonly state: string;
  readonly level: 'ok' | 'warning' | 'critical';
  readonly lastCheck: string;
  readonly revision: string;
}

/** A fleet this user publishes, as its report says it (issue 32); or why it could not be read. */
export type FleetPark =
  | {
      readonly ok: true;
      readonly fingerprint: string;
      readonly folder: string;
      readonly latestRevision: number;
      readonly latestPublishedAt: string | null;
      /** Workstations waiting to be accepted, with the phrase to compare. */
      readonly pending: readonly { readonly id: string; readonly machine: string; readonly user: string; readonly phrase: string }[];
      readonly rows: readonly FleetParkRow[];
      /** The severity in words, the share's warnings, what was ignored. */
      readonly summary: readonly string[];
      /** 0 all good, 1 something to do soon, 2 failing or silent. */
      readonly severity: 0 | 1 | 2;
    }
  | { readonly ok: false; readonly fingerprint: string; readonly folder: string; readonly message: string; readonly details?: string };

/** A phantom marker that carries a channel's result type; it holds nothing at run time. */
export interface ResultOf<Payload extends object> {
  readonly __payload?: Payload;
}
const returns = <Payload extends object>(): ResultOf<Payload> => ({});

const channel = <Args extends z.ZodTuple, Payload extends object>(
  args: Args,
  result: ResultOf<Payload>,
) => ({ args, result });

/** The daily check's task in the Windows Task Scheduler, for the user running the app. */
export interface DailyCheckView {
  /** False outside Windows: the screen says the task can only be registered there. */
  readonly supported: boolean;
  readonly installed: boolean;
  /** HH:MM, local time; null when not installed (or unreadable). */
  readonly at: string | null;
  /** What the Task Scheduler refused, in French, when the last change failed. */
  readonly refusal?: string;
}
/** A time of day as the screen's time field gives it. */
export const timeOfDayInput = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const channels = {
  getAppInfo: channel(z.tuple([]), returns<AppInfo>()),
  getSettings: channel(z.tuple([]), returns<SettingsSnapshot>()),
  listAccounts: channel(z.tuple([]), returns<AccountList>()),
  selectAccount: channel(z.tuple([z.object({ name: accountNameInput }).strict()]), returns<SettingsSnapshot>()),
  addAccount: channel(z.tuple([z.object({ name: accountNameInput }).strict()]), returns<SettingsSnapshot>()),
  renameAccount: channel(z.tuple([z.object({ name: accountNameInput, newName: accountNameInput }).strict()]), returns<SettingsSnapshot>()),
  removeAccount: channel(z.tuple([z.object({ name: accountNameInput }).strict()]), returns<SettingsSnapshot>()),
  saveSettings: channel(z.tuple([screenSettingsChangeSchema]), returns<SettingsSnapshot>()),
  setClientSecret: channel(z.tuple([z.object({ secret: z.string().min(1).max(2048) }).strict()]), returns<SettingsSnapshot>()),
  setProxyPassword: channel(z.tuple([z.object({ secret: z.string().min(1).max(2048) }).strict()]), returns<SettingsSnapshot>()),
  renewPassword: channel(z.tuple([passwordRenewalSchema]), returns<PasswordRenewal>()),
  /** Answers at the verdict: the password's expiry is read on after it (`waitForPasswordExpiry`). */
  testConnection: channel(z.tuple([]), returns<ConnectionTestResult>()),
  /** Resolves once the expiry the last test went on reading is recorded (or given up): the screen then reads its settings again. */
  waitForPasswordExpiry: channel(z.tuple([]), returns<{ readonly read: true }>()),
  cancelConnectionOperation: channel(z.tuple([]), returns<{ readonly cancelled: boolean }>()),
  listStructures: channel(z.tuple([]), returns<{ readonly structures: readonly ChorusStructure[] }>()),
  getStructureDetails: channel(z.tuple([z.int().positive()]), returns<StructureDetails>()),
  setPasswordCommunicatedOn: channel(z.tuple([z.object({ day: daySchema }).strict()]), returns<SettingsSnapshot>()),
  chooseCaCertificate: channel(z.tuple([]), returns<SettingsSnapshot & { readonly chosen: boolean }>()),
  exportProfile: channel(z.tuple([z.object({ passphrase: passphraseSchema.optional(), allAccounts: z.boolean().optional() }).strict().optional()]), returns<ProfileExport>()),
  previewProfileImport: channel(z.tuple([]), returns<ProfilePreview>()),
  importProfile: channel(z.tuple([z.object({ passphrase: passphraseSchema }).strict().optional()]), returns<SettingsSnapshot>()),
  importMachineProfileSecrets: channel(z.tuple([z.object({ passphrase: passphraseSchema }).strict()]), returns<SettingsSnapshot>()),
  dismissMachineProfileSecrets: channel(z.tuple([]), returns<SettingsSnapshot>()),
  getDailyCheck: channel(z.tuple([]), returns<DailyCheckView>()),
  /** Registers the daily check at `at`, or removes it with null. */
  setDailyCheck: channel(z.tuple([z.object({ at: timeOfDayInput.nullable() }).strict()]), returns<DailyCheckView>()),
  /** The fleet's line for the account on screen (main/fleet/fleet-view.ts). */
  getFleetView: channel(z.tuple([]), returns<FleetView>()),
  /** The fleets this user publishes, each with its report (the shared folder read: seconds, not instant); none for a member. */
  getFleetParks: channel(z.tuple([]), returns<{ readonly fleets: readonly FleetPark[] }>()),
  /** The copies of the selected account's password (the exchange software) and the permission given to local programs. */
  getExchange: channel(z.tuple([]), returns<ExchangeView>()),
  addManualDestination: channel(z.tuple([z.object({ name: destinationNameInput }).strict()]), returns<ExchangeView>()),
  /** « Fait »: this place has the current password. */
  confirmManualDestination: channel(z.tuple([z.object({ name: destinationNameInput }).strict()]), returns<ExchangeView>()),
  removeManualDestination: channel(z.tuple([z.object({ name: destinationNameInput }).strict()]), returns<ExchangeView>()),
  /** « Copier le mot de passe »: the main process puts it on the clipboard; the page never receives it. */
  copyPasswordForDestination: channel(z.tuple([z.object({ name: destinationNameInput }).strict()]), returns<{ readonly copied: true }>()),
  /** Pushes the password again to the script and server destinations not up to date. */
  pushExchange: channel(z.tuple([]), returns<ExchangeView>()),
  /** « Autoriser les scripts de ce poste à utiliser ce compte ». */
  setAllowPrograms: channel(z.tuple([z.object({ allowed: z.boolean() }).strict()]), returns<ExchangeView>()),
  // Last: e2e/broken-bundle.spec.ts removes it from a copy of the built preload.
  openLogFolder: channel(z.tuple([]), returns<{ readonly folder: string }>()),
};

export type ChannelName = keyof typeof channels;
export const channelNames = Object.keys(channels) as readonly ChannelName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);

/** The arguments as the renderer sends them, before validation. */
export type ChannelArgs<Name extends ChannelName> = z.input<(typeof channels)[Name]['args']>;
/** The arguments as a handler receives them, after validation. */
export type ValidatedArgs<Name extends ChannelName> = z.output<(typeof channels)[Name]['args']>;
export type ChannelPayload<Name extends ChannelName> =
  (typeof channels)[Name]['result'] extends ResultOf<infer Payload> ? Payload : never;

export const menuCommands = ['export-profile', 'import-profile', 'open-log-folder', 'about'] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** What the main process tells the renderer on its own initiative. */
export const events = {
  /** The technical password is due for renewal: raised at start and once a day. */
  passwordReminder: returns<PasswordReminder>(),
  /** An item of the window's menu that the screen carries out. */
  menuCommand: returns<{ readonly command: MenuCommand }>(),
  /** The fleet's start (main/fleet/): this user joined, or a publication was applied; the screen reads its settings again. */
  fleetUpdated: returns<{ readonly revision: number | null }>(),
};
export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as readonly EventName[];
export type EventPayload<Name extends EventName> = (typeof events)[Name] extends ResultOf<infer Payload> ? Payload : never;
/** `passwordReminder` is listened to with `onPasswordReminder`. */
export type ListenerName<Name extends EventName> = `on${Capitalize<Name>}`;

/** `window.chorus` as the renderer sees it: a function per channel, a listener per event. */
export type ChorusBridge = {
  readonly [Name in ChannelName]: (
    ...args: ChannelArgs<Name>
  ) => Promise<Outcome<ChannelPayload<Name>>>;
} & {
  readonly [Name in EventName as ListenerName<Name>]: (listener: (payload: EventPayload<Name>) => void) => () => void;
};
