import { join } from 'node:path';
import type { Options } from 'conf';
import type { SettingsChange, SettingsView } from '../../preload/contract';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { checkEndpointUrl, checkProxyUrl, controlCharacterRefusal, hasControlCharacter } from '../net/url-policy';
import { ensurePrivateFolder, privateFileMode } from '../private-files';
import { knownEnvironments } from './environments';
import { inspectSettingsFile } from './settings-recovery';
import { defaultSettings, storedSettingsSchema, type StoredSettings } from './settings-schema';

/** What electron-store (in the app) and conf (under Node) have in common for us. */
export interface SettingsBackend {
  store: StoredSettings;
  readonly path: string;
}
export type OpenSettingsBackend = (options: Options<StoredSettings>) => SettingsBackend;

export const settingsFileName = 'config.json';

/**
 * One set of options for both backends: one file, one format. No JSON schema for conf: compiling
 * it (and the JSON-Schema meta-schema with it) cost ≈ 34 ms at every start, and zod already checks
 * the data on every read and every write (openSettingsStore), the file before it opens
 * (settings-recovery.ts).
 */
export function settingsBackendOptions(directory: string): Options<StoredSettings> {
  return {
    cwd: directory,
    configName: 'config',
    defaults: defaultSettings,
    // conf's own recovery wipes the file silently; ours keeps a copy (settings-recovery.ts).
    clearInvalidConfig: false,
    configFileMode: privateFileMode,
    accessPropertiesByDotNotation: false,
    watch: false,
  };
}

export interface SettingsStore {
  read(): StoredSettings;
  update(change: SettingsChange): StoredSettings;
  /** Dates a new password; the expiry Chorus Pro reported was the old password's, so it goes. */
  recordPasswordUpdate(when: Date): StoredSettings;
  recordChorusExpiry(day: string | undefined): StoredSettings;
  /** Set in the run that found the file unusable: where the unusable file was kept. */
  readonly recoveredFrom: string | undefined;
}

const optionalTextKeys = ['clientId', 'proxyUrl', 'caCertificatePath'] as const;

/** Applies a change from the screen or the command line; throws on any value it cannot keep. */
export function applySettingsChange(current: StoredSettings, change: SettingsChange): StoredSettings {
  const cleared = new Set<string>(optionalTextKeys.filter((key) => change[key] === ''));
  // Structured clone carries `{ login: undefined }` from the renderer: an absent value changes nothing.
  const given = Object.entries(change).filter((entry: [string, unknown]) => entry[1] !== undefined);
  const next: Record<string, unknown> = Object.fromEntries(
    [...Object.entries(current), ...given].filter(([key]) => !cleared.has(key)),
  );
  if (change.login !== undefined && change.login.trim() === '') {
    throw new AppError('INVALID_INPUT', "Identifiant utilisateur : l'identifiant est obligatoire");
  }
  // One check for the screen, the command line and a profile: they all come through here.
  for (const [key, label] of [['login', 'Identifiant utilisateur'], ['clientId', 'Identifiant client PISTE']] as const) {
    const given = change[key];
    if (given !== undefined && hasControlCharacter(given)) throw new AppError('INVALID_INPUT', `${label} : ${controlCharacterRefusal}`);
  }
  const environment = (next.environment ?? current.environment) as StoredSettings['environment'];
  if (environment !== 'custom') {
    const endpoints = knownEnvironments[environment];
    for (const key of ['apiBaseUrl', 'tokenUrl'] as const) {
      const given = change[key];
      if (given !== undefined && given !== endpoints[key]) {
        throw new AppError(
          'INVALID_INPUT',
          `${key === 'apiBaseUrl' ? 'Lien URL' : 'URL du jeton'} : choisissez l'environnement « Personnalisé » pour saisir une autre adresse`,
        );
      }
    }
    Object.assign(next, endpoints);
  }
  checkEndpointUrl('Lien URL', String(next.apiBaseUrl));
  checkEndpointUrl('URL du jeton', String(next.tokenUrl));
  if (typeof next.proxyUrl === 'string') checkProxyUrl('Proxy', next.proxyUrl);
  const parsed = storedSettingsSchema.safeParse(next);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  }
  return parsed.data;
}

export function toSettingsView(settings: StoredSettings): SettingsView {
  const { schemaVersion: _version, ...view } = settings;
  return view;
}

/**
 * Opens the settings in `directory`, recovering an unusable file first, and keeps every write
 * whole: a value that fails validation is refused, never half-saved.
 */
export function openSettingsStore(
  directory: string,
  openBackend: OpenSettingsBackend,
  clock: Clock,
  logger: Logger,
): SettingsStore {
  ensurePrivateFolder(directory);
  const state = inspectSettingsFile(join(directory, settingsFileName), clock, logger);
  const backend = openBackend(settingsBackendOptions(directory));

  const write = (settings: StoredSettings): StoredSettings => {
    // Whatever builds the value, nothing reaches the file unchecked.
    const checked = storedSettingsSchema.safeParse(settings);
    if (!checked.success) throw new AppError('INVALID_INPUT', checked.error.issues.map((issue) => issue.path.join('.')).join(', '));
    try {
      backend.store = checked.data;
    } catch {
      throw new AppError('SETTINGS_UNWRITABLE');
    }
    return checked.data;
  };

  // Reading goes to the file each time, so a change made by the command line shows at once.
  const read = (): StoredSettings => storedSettingsSchema.parse(backend.store);

  return {
    read,
    update: (change) => write(applySettingsChange(read(), change)),
    recordPasswordUpdate: (when) => {
      const { chorusPasswordExpiresOn: _previous, ...rest } = read();
      return write({ ...rest, passwordUpdatedAt: when.toISOString() });
    },
    recordChorusExpiry: (day) => {
      const { chorusPasswordExpiresOn: _previous, ...rest } = read();
      return write(day === undefined ? rest : { ...rest, chorusPasswordExpiresOn: day });
    },
    recoveredFrom: state.kind === 'recovered' ? state.keptCopy : undefined,
  };
}
