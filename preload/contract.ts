/**
 * The bridge's contract on the IPC side: the schema of every channel's arguments, which the main
 * process's dispatcher validates before any handler runs. The bridge's plain type and its names
 * are common/bridge.ts's, which the renderer and the preload import; this map is checked below to
 * match that type exactly, so a channel missing or mistyped on either side fails to compile.
 *
 * No Electron and no Node here; the sandboxed preload never imports it (the schema library stays
 * out of it).
 */
import { z } from 'zod';
import type { BridgeChannels, ChannelName } from '../common/bridge';
import { timeOfDayInput } from '../main/dates/time-of-day';
import { screenSettingsChangeSchema } from '../main/settings/settings-change-schema';
import type { CompilesOnly, SameType } from '../main/types/type-equality';

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

export const accountNameInput = z.string().max(200);
/** A destination's name as the screen sends it; checked in the main process (destinations/). */
export const destinationNameInput = z.string().max(200);

/** Every channel's arguments, as common/bridge.ts's BridgeChannels describes them. */
export const channels = {
  getAppInfo: z.tuple([]),
  getSettings: z.tuple([]),
  listAccounts: z.tuple([]),
  selectAccount: z.tuple([z.object({ name: accountNameInput }).strict()]),
  addAccount: z.tuple([z.object({ name: accountNameInput }).strict()]),
  renameAccount: z.tuple([z.object({ name: accountNameInput, newName: accountNameInput }).strict()]),
  removeAccount: z.tuple([z.object({ name: accountNameInput }).strict()]),
  saveSettings: z.tuple([screenSettingsChangeSchema]),
  setClientSecret: z.tuple([z.object({ secret: z.string().min(1).max(2048) }).strict()]),
  setProxyPassword: z.tuple([z.object({ secret: z.string().min(1).max(2048) }).strict()]),
  renewPassword: z.tuple([passwordRenewalSchema]),
  testConnection: z.tuple([]),
  waitForPasswordExpiry: z.tuple([]),
  cancelConnectionOperation: z.tuple([]),
  listStructures: z.tuple([]),
  getStructureDetails: z.tuple([z.int().positive()]),
  setPasswordCommunicatedOn: z.tuple([z.object({ day: daySchema }).strict()]),
  chooseCaCertificate: z.tuple([]),
  exportProfile: z.tuple([
    z.object({ passphrase: passphraseSchema.optional(), allAccounts: z.boolean().optional() }).strict().optional(),
  ]),
  previewProfileImport: z.tuple([]),
  importProfile: z.tuple([z.object({ passphrase: passphraseSchema }).strict().optional()]),
  importMachineProfileSecrets: z.tuple([z.object({ passphrase: passphraseSchema }).strict()]),
  dismissMachineProfileSecrets: z.tuple([]),
  getDailyCheck: z.tuple([]),
  setDailyCheck: z.tuple([z.object({ at: timeOfDayInput.nullable() }).strict()]),
  getFleetView: z.tuple([]),
  getFleetParks: z.tuple([]),
  getExchange: z.tuple([]),
  addManualDestination: z.tuple([z.object({ name: destinationNameInput }).strict()]),
  confirmManualDestination: z.tuple([z.object({ name: destinationNameInput }).strict()]),
  removeManualDestination: z.tuple([z.object({ name: destinationNameInput }).strict()]),
  copyPasswordForDestination: z.tuple([z.object({ name: destinationNameInput }).strict()]),
  pushExchange: z.tuple([]),
  setAllowPrograms: z.tuple([z.object({ allowed: z.boolean() }).strict()]),
  openLogFolder: z.tuple([]),
};

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);

/** The arguments as the renderer sends them, before validation. */
export type ChannelArgs<Name extends ChannelName> = z.input<(typeof channels)[Name]>;
/** The arguments as a handler receives them, after validation. */
export type ValidatedArgs<Name extends ChannelName> = z.output<(typeof channels)[Name]>;

// The same channels, each with the same arguments, as the bridge's plain type.
type _ChannelsMatchTheBridge = CompilesOnly<
  SameType<
    { [Name in keyof typeof channels]: z.input<(typeof channels)[Name]> },
    { [Name in keyof BridgeChannels]: Parameters<BridgeChannels[Name]> }
  >
>;
