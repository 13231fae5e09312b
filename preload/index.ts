// The sandboxed preload: it exposes the contract's named functions and never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';
import { builtChannelNames } from './channel-names';
import { ipcChannelOf } from './ipc-channel';

contextBridge.exposeInMainWorld(
  'chorus',
  buildBridge(builtChannelNames, (channel, args) => ipcRenderer.invoke(ipcChannelOf(channel), ...args)),
);
