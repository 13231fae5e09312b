import type { ChannelName } from './contract';

/** The IPC channel that carries a contract channel; the prefix keeps ours apart from Electron's. */
export const ipcChannelOf = (name: ChannelName): string => `chorus:${name}`;
