import { z } from 'zod';
import { alertDelayBounds, environmentNames, timeoutBounds } from '../../common/settings';
import { exchangeSettingsShape } from './exchange-state';
import { knownEnvironments } from './environments';

export const currentSchemaVersion = 3;
/** A structure's name as kept with the expiry date: Chorus Pro's designations are far shorter. */
export const maxStructureNameLength = 300;

/**
 * A connection test's outcome, kept per account. The code is any string, not the failure codes'
 * list (common/failures.ts): a file written by a later version (with a new code) must still load
 * in this one.
 */
export const lastCheckSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    ok: z.boolean(),
    code: z.string().min(1).max(64).nullable(),
  })
  .strict();
export type LastCheck = z.infer<typeof lastCheckSchema>;

/** The settings of one technical account: what every service works with. */
export const storedSettingsSchema = z
  .object({
    environment: z.enum(environmentNames),
    apiBaseUrl: z.string().min(1).max(2048),
    tokenUrl: z.string().min(1).max(2048),
    login: z.string().min(1).max(256).optional(),
    clientId: z.string().min(1).max(256).optional(),
    alertDelayMonths: z.int().min(alertDelayBounds.min).max(alertDelayBounds.max),
    passwordUpdatedAt: z.iso.datetime({ offset: true }).optional(),
    /**
     * False while the stored technical password was kept without Chorus Pro accepting it (saved
     * offline, or imported from a profile); true once a test succeeded with it. Files written
     * before it existed have none: their password went through the verified paths of the screen.
     */
    passwordVerified: z.boolean().optional(),
    /** The current password's expiry as Chorus Pro reported it (since version 2). */
    chorusPasswordExpiresOn: z.iso.date().optional(),
    /**
     * The structure whose `dateExpirationMotPasseCompteTech` that is, the earliest of those read;
     * only ever beside that date. Optional, within version 3: a file written without it loads as is.
     */
    chorusPasswordExpiryStructure: z.string().min(1).max(maxStructureNameLength).optional(),
    timeoutSeconds: z.int().min(timeoutBounds.min).max(timeoutBounds.max),
    proxyUrl: z.string().min(1).max(2048).optional(),
    caCertificatePath: z.string().min(1).max(4096).optional(),
    /**
     * The authority came from a deployment profile that does not give it PISTE's official hosts
     * (no `"trustForOfficialHosts": true`): it serves only custom addresses. Absent: every host,
     * as for an authority the user chose. Optional, within version 3.
     */
    caForCustomHostsOnly: z.literal(true).optional(),
    /** The last connection test of the saved settings (button, `test`, `test --all`); none before. */
    lastCheck: lastCheckSchema.optional(),
    /**
     * How many structures' cards the last test read for the expiry: the next test opens that many
     * connections to the API from its start, so that the cards go at once after the verdict (issue
     * 36). Optional, within version 3: a file written without it loads as is.
     */
    structuresReadForExpiry: z.int().min(1).max(100).optional(),
    /** Where the password's copies are and how far they follow (issue 33): optional, within version 3. */
    ...exchangeSettingsShape,
  })
  .strict();
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

/** A technical account's name, as the user chose it: "Commune de Plouër — budget principal". */
export const accountNameSchema = z
  .string()
  .min(1)
  .max(80)
  // No control, format (bidi overrides, zero-width spaces), separator or private-use character: two
  // names that look the same must be the same name. Kept composed (NFC).
  .refine(
    (name) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]/u.test(name) && name.trim() === name && name.normalize('NFC') === name,
  );

/** The name the single account of an older file takes. */
export const firstAccountName = 'Compte principal';

/** How many technical accounts one workstation keeps: a centre de gestion's communes, and more. */
export const maxAccounts = 2000;

/** The settings file as written on disk (since version 3): named accounts, one of them selected. */
export const settingsFileSchema = z
  .object({
    schemaVersion: z.literal(currentSchemaVersion),
    selectedAccount: accountNameSchema,
    accounts: z
      .array(storedSettingsSchema.extend({ name: accountNameSchema }).strict())
      .min(1)
      .max(maxAccounts),
    /** The machine-wide profile applied at first start carries encrypted secrets the user may import. */
    machineProfileSecretsPending: z.literal(true).optional(),
    /**
     * Set once the client secrets stored before they were bound to their route (proxy, authority)
     * were moved to the route of each account of that time; absent in files of earlier versions.
     */
    clientSecretsBoundToRoute: z.literal(true).optional(),
    /**
     * The custom hosts the user confirmed (main-process dialog, command line, imported profile):
     * the screen's first request to any other asks first (hosts/host-confirmation.ts). Absent in
     * files of earlier versions: then the hosts their accounts held at the first opening.
     */
    confirmedHosts: z.array(z.string().min(1).max(300)).max(10_000).optional(),
    /** Why the machine-wide profile was not applied at first start, said by the screen and `status`. */
    machineProfileRefusal: z.string().min(1).max(2000).optional(),
    /**
     * Set once an authority 0.2.0 took from the machine-wide profile was limited to custom hosts
     * (unless that profile says `"trustForOfficialHosts": true`); absent in files of earlier versions.
     */
    machineProfileCaScoped: z.literal(true).optional(),
  })
  .strict();
export type SettingsFile = z.infer<typeof settingsFileSchema>;
export type StoredAccount = SettingsFile['accounts'][number];

export const defaultSettings: StoredSettings = {
  environment: 'production',
  ...knownEnvironments.production,
  alertDelayMonths: alertDelayBounds.default,
  timeoutSeconds: timeoutBounds.default,
};

export const defaultSettingsFile: SettingsFile = {
  schemaVersion: currentSchemaVersion,
  selectedAccount: firstAccountName,
  accounts: [{ name: firstAccountName, ...defaultSettings }],
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
  // Version 3 holds named accounts: the one account there was becomes the first, losing nothing.
  2: ({ schemaVersion: _version, machineProfileSecretsPending, ...account }) => ({
    schemaVersion: 3,
    selectedAccount: firstAccountName,
    accounts: [{ name: firstAccountName, ...account }],
    ...(machineProfileSecretsPending === true ? { machineProfileSecretsPending } : {}),
  }),
};

export type MigrationOutcome =
  | { readonly kind: 'current'; readonly settings: SettingsFile; readonly migrated: boolean }
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
  const parsed = settingsFileSchema.safeParse(data);
  if (!parsed.success) return { kind: 'unusable', reason: 'invalid-values' };
  if (!parsed.data.accounts.some((account) => account.name === parsed.data.selectedAccount)) {
    return { kind: 'unusable', reason: 'unknown-selected-account' };
  }
  return { kind: 'current', settings: parsed.data, migrated: found !== currentSchemaVersion };
}
