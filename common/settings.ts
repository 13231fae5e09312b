// An account's settings as the screen and the command line see them, and their bounds. Plain
// TypeScript, shared by the main process and the renderer; the schemas that check a change are the
// core's (main/settings/settings-change-schema.ts).

export const environmentNames = ['production', 'qualification', 'custom'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

export const alertDelayBounds = { min: 1, max: 13, default: 12 } as const;
export const timeoutBounds = { min: 5, max: 120, default: 30 } as const;

/** What a change may set of every account's settings, whoever makes it. */
interface ChangeableSettings {
  environment?: EnvironmentName;
  apiBaseUrl?: string;
  tokenUrl?: string;
  login?: string;
  clientId?: string;
  alertDelayMonths?: number;
  timeoutSeconds?: number;
  proxyUrl?: string;
}

/**
 * The settings the command line and a deployment profile may change; `passwordUpdatedAt` only
 * changes with a renewal. Checked by main/settings/settings-change-schema.ts.
 */
export interface SettingsChange extends ChangeableSettings {
  caCertificatePath?: string;
  /**
   * With `caCertificatePath`, from a deployment profile only: whether its authority also serves
   * PISTE's official hosts (the profile's `"trustForOfficialHosts": true`). Never from the page.
   */
  caForOfficialHosts?: boolean;
}

/**
 * The settings the page may change. It may clear the extra authority, never name a file: a path
 * from the page would let it trust any certificate (and probe which files exist); only the
 * main-process dialog of `chooseCaCertificate` sets one.
 */
export interface ScreenSettingsChange extends ChangeableSettings {
  caCertificatePath?: '';
}

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
