import { z } from 'zod';
import { alertDelayBounds, environmentNames, timeoutBounds } from '../../preload/contract';
import { knownEnvironments } from './environments';

export const currentSchemaVersion = 2;

/** The settings file as written on disk: the single source of truth for its shape. */
export const storedSettingsSchema = z
  .object({
    schemaVersion: z.literal(currentSchemaVersion),
    environment: z.enum(environmentNames),
    apiBaseUrl: z.string().min(1).max(2048),
    tokenUrl: z.string().min(1).max(2048),
    login: z.string().min(1).max(256).optional(),
    clientId: z.string().min(1).max(256).optional(),
    alertDelayMonths: z.int().min(alertDelayBounds.min).max(alertDelayBounds.max),
    passwordUpdatedAt: z.iso.datetime({ offset: true }).optional(),
    /** The current password's expiry as Chorus Pro reported it (since version 2). */
    chorusPasswordExpiresOn: z.iso.date().optional(),
    timeoutSeconds: z.int().min(timeoutBounds.min).max(timeoutBounds.max),
    proxyUrl: z.string().min(1).max(2048).optional(),
    caCertificatePath: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export const defaultSettings: StoredSettings = {
  schemaVersion: currentSchemaVersion,
  environment: 'production',
  ...knownEnvironments.production,
  alertDelayMonths: alertDelayBounds.default,
  timeoutSeconds: timeoutBounds.default,
};

type RawSettings = Record<string, unknown>;

/**
 * Upgrades an older file, one version at a time: `migrations[n]` turns version n into n + 1.
 * Version 0 is a file without `schemaVersion`: what an early build or a hand-made file holds.
 */
const migrations: Readonly<Record<number, (old: RawSettings) => RawSettings>> = {
  0: (old) => ({ ...defaultSettings, ...old, schemaVersion: 1 }),
  // Version 2 adds chorusPasswordExpiresOn, unknown until the next successful test.
  1: (old) => ({ ...old, schemaVersion: 2 }),
};

export type MigrationOutcome =
  | { readonly kind: 'current'; readonly settings: StoredSettings; readonly migrated: boolean }
  | { readonly kind: 'unusable'; readonly reason: string };

export function migrateSettings(raw: unknown): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'unusable', reason: 'not-an-object' };
  }
  let data = raw as RawSettings;
  const found = data.schemaVersion ?? 0;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    return { kind: 'unusable', reason: 'bad-schema-version' };
  }
  if (found > currentSchemaVersion) return { kind: 'unusable', reason: 'future-schema-version' };
  for (let version = found; version < currentSchemaVersion; version += 1) {
    const step = migrations[version];
    if (!step) return { kind: 'unusable', reason: `no-migration-from-${version}` };
    data = step(data);
  }
  const parsed = storedSettingsSchema.safeParse(data);
  if (!parsed.success) return { kind: 'unusable', reason: 'invalid-values' };
  return { kind: 'current', settings: parsed.data, migrated: found !== currentSchemaVersion };
}
