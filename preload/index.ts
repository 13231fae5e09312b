// The sandboxed preload: it exposes the contract's named functions and never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames } from '../common/bridge';
import { buildBridge } from './bridge';
import { ipcChannelOf, ipcEventOf } from './ipc-channel';

contextBridge.exposeInMainWorld(
  'chorus',
  buildBridge(
    channelNames,
    eventNames,
    (channel, args) => ipcRenderer.invoke(ipcChannelOf(channel), ...args),
    (event, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(ipcEventOf(event), forward);
      return () => ipcRenderer.removeListener(ipcEventOf(event), forward);
    },
  ),
);
