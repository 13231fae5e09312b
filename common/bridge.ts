// The bridge between the renderer and the main process, in plain types (GitHub Desktop's
// `RequestChannels`): one function per channel, its arguments as the renderer sends them and what it
// answers when it succeeds; one payload per event the main process sends. The channels' schemas
// are the IPC's (preload/contract.ts), checked at compile time to match these types exactly. The
// sandboxed preload imports the names from here: nothing else of this file exists at run time.
import type { AccountList, SettingsSnapshot } from './accounts';
import type { AppInfo, MenuCommand } from './app';
import type { ChorusStructure, ConnectionTestResult, StructureDetails } from './connection';
import type { DailyCheckView } from './daily-check';
import type { ExchangeView } from './exchange';
import type { Outcome } from './failures';
import type { FleetPark, FleetView } from './fleet';
import type { PasswordRenewal } from './password-renewal';
import type { ProfileExport, ProfilePreview } from './profiles';
import type { PasswordReminder } from './reminder';
import type { ScreenSettingsChange } from './settings';

/** Every channel: the arguments the renderer sends, and the payload of a success. */
export interface BridgeChannels {
  getAppInfo: () => AppInfo;
  getSettings: () => SettingsSnapshot;
  listAccounts: () => AccountList;
  selectAccount: (account: { name: string }) => SettingsSnapshot;
  addAccount: (account: { name: string }) => SettingsSnapshot;
  renameAccount: (account: { name: string; newName: string }) => SettingsSnapshot;
  removeAccount: (account: { name: string }) => SettingsSnapshot;
  saveSettings: (change: ScreenSettingsChange) => SettingsSnapshot;
  setClientSecret: (secret: { secret: string }) => SettingsSnapshot;
  setProxyPassword: (secret: { secret: string }) => SettingsSnapshot;
  renewPassword: (renewal: {
    password: string;
    verify: boolean;
    surroundingSpacesConfirmed: boolean;
    /** Only with `verify: false`: the day Chorus Pro communicated this password (AAAA-MM-JJ). */
    communicatedOn?: string;
  }) => PasswordRenewal;
  /** Answers at the verdict: the password's expiry is read on after it (`waitForPasswordExpiry`). */
  testConnection: () => ConnectionTestResult;
  /** Resolves once the expiry the last test went on reading is recorded (or given up): the screen then reads its settings again. */
  waitForPasswordExpiry: () => { readonly read: true };
  cancelConnectionOperation: () => { readonly cancelled: boolean };
  listStructures: () => { readonly structures: readonly ChorusStructure[] };
  getStructureDetails: (structureId: number) => StructureDetails;
  /** A calendar day as `<input type="date">` gives it: AAAA-MM-JJ. */
  setPasswordCommunicatedOn: (day: { day: string }) => SettingsSnapshot;
  chooseCaCertificate: () => SettingsSnapshot & { readonly chosen: boolean };
  exportProfile: (options?: { passphrase?: string; allAccounts?: boolean }) => ProfileExport;
  previewProfileImport: () => ProfilePreview;
  importProfile: (secrets?: { passphrase: string }) => SettingsSnapshot;
  importMachineProfileSecrets: (secrets: { passphrase: string }) => SettingsSnapshot;
  dismissMachineProfileSecrets: () => SettingsSnapshot;
  getDailyCheck: () => DailyCheckView;
  /** Registers the daily check at `at` (HH:MM), or removes it with null. */
  setDailyCheck: (schedule: { at: string | null }) => DailyCheckView;
  /** The fleet's line for the account on screen (main/fleet/fleet-view.ts). */
  getFleetView: () => FleetView;
  /** The fleets this user publishes, each with its report (the shared folder read: seconds, not instant); none for a member. */
  getFleetParks: () => { readonly fleets: readonly FleetPark[] };
  /** The copies of the selected account's password (the exchange software) and the permission given to local programs. */
  getExchange: () => ExchangeView;
  addManualDestination: (destination: { name: string }) => ExchangeView;
  /** « Fait »: this place has the current password. */
  confirmManualDestination: (destination: { name: string }) => ExchangeView;
  removeManualDestination: (destination: { name: string }) => ExchangeView;
  /** « Copier le mot de passe »: the main process puts it on the clipboard; the page never receives it. */
  copyPasswordForDestination: (destination: { name: string }) => { readonly copied: true };
  /** Pushes the password again to the script and server destinations not up to date. */
  pushExchange: () => ExchangeView;
  /** « Autoriser les scripts de ce poste à utiliser ce compte ». */
  setAllowPrograms: (permission: { allowed: boolean }) => ExchangeView;
  openLogFolder: () => { readonly folder: string };
}
export type ChannelName = keyof BridgeChannels;
export type ChannelPayload<Name extends ChannelName> = ReturnType<BridgeChannels[Name]>;

/** What the main process tells the renderer on its own initiative. */
export interface BridgeEvents {
  /** The technical password is due for renewal: raised at start and once a day. */
  passwordReminder: PasswordReminder;
  /** An item of the window's menu that the screen carries out. */
  menuCommand: { readonly command: MenuCommand };
  /** The fleet's start (main/fleet/): this user joined, or a publication was applied; the screen reads its settings again. */
  fleetUpdated: { readonly revision: number | null };
}
export type EventName = keyof BridgeEvents;
export type EventPayload<Name extends EventName> = BridgeEvents[Name];

/** Every name of a key set, each once: a name missing or unknown fails to compile. */
type EveryName<Names extends readonly string[], Key extends string> = [
  Exclude<Key, Names[number]>,
  Exclude<Names[number], Key>,
] extends [never, never]
  ? Names
  : never;

// Last: e2e/broken-bundle.spec.ts removes it from a copy of the built preload.
const channelNameList = [
  'getAppInfo',
  'getSettings',
  'listAccounts',
  'selectAccount',
  'addAccount',
  'renameAccount',
  'removeAccount',
  'saveSettings',
  'setClientSecret',
  'setProxyPassword',
  'renewPassword',
  'testConnection',
  'waitForPasswordExpiry',
  'cancelConnectionOperation',
  'listStructures',
  'getStructureDetails',
  'setPasswordCommunicatedOn',
  'chooseCaCertificate',
  'exportProfile',
  'previewProfileImport',
  'importProfile',
  'importMachineProfileSecrets',
  'dismissMachineProfileSecrets',
  'getDailyCheck',
  'setDailyCheck',
  'getFleetView',
  'getFleetParks',
  'getExchange',
  'addManualDestination',
  'confirmManualDestination',
  'removeManualDestination',
  'copyPasswordForDestination',
  'pushExchange',
  'setAllowPrograms',
  'openLogFolder',
] as const;
/** Every channel's name, at run time: what the preload exposes and the main process handles. */
export const channelNames: EveryName<typeof channelNameList, ChannelName> = channelNameList;

const eventNameList = ['passwordReminder', 'menuCommand', 'fleetUpdated'] as const;
/** Every event's name, at run time. */
export const eventNames: EveryName<typeof eventNameList, EventName> = eventNameList;

/** `passwordReminder` is listened to with `onPasswordReminder`. */
export type ListenerName<Name extends EventName> = `on${Capitalize<Name>}`;

/** `window.chorus` as the renderer sees it: a function per channel, a listener per event. */
export type ChorusBridge = {
  readonly [Name in ChannelName]: (...args: Parameters<BridgeChannels[Name]>) => Promise<Outcome<ChannelPayload<Name>>>;
} & {
  readonly [Name in EventName as ListenerName<Name>]: (listener: (payload: EventPayload<Name>) => void) => () => void;
};
