import type { ChannelName, EventName } from './contract';

// Replaced at build time by the contract's names (scripts/build.mjs, e2e harness).
declare const CHORUS_CHANNEL_NAMES: readonly ChannelName[];
declare const CHORUS_EVENT_NAMES: readonly EventName[];

export const builtChannelNames: readonly ChannelName[] = CHORUS_CHANNEL_NAMES;
export const builtEventNames: readonly EventName[] = CHORUS_EVENT_NAMES;
