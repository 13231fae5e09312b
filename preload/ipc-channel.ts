import type { ChannelName, EventName } from '../common/bridge';

/** The IPC channel that carries a contract channel; the prefix keeps ours apart from Electron's. */
export const ipcChannelOf = (name: ChannelName): string => `chorus:${name}`;

/** The IPC channel that carries a main-process event to the renderer. */
export const ipcEventOf = (name: EventName): string => `chorus-event:${name}`;
