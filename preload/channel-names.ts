import type { ChannelName } from './contract';

// Replaced at build time by the contract's channel names (scripts/build.mjs, e2e harness).
declare const CHORUS_CHANNEL_NAMES: readonly ChannelName[];

export const builtChannelNames: readonly ChannelName[] = CHORUS_CHANNEL_NAMES;
