// Runs in the page before any page script, then evaluates dist/preload/index.js unchanged with
// this `require('electron')`: contextBridge puts a copy of the API on window, ipcRenderer carries
// invoke() to the child's real ipcMain.handle handlers (through a Playwright binding taken off
// window here) and brings the main process's webContents.send() back to the listeners.
// Context isolation is imitated with closures: nothing but the exposed API reaches the page.
import type * as Electron from 'electron';

type InvokeBinding = (
  channel: string,
  args: readonly unknown[],
) => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>;
type Listener = (event: Electron.IpcRendererEvent, ...args: unknown[]) => void;

export const invokeBindingName = '__electronStandInInvoke';
export const deliverName = '__electronStandInDeliver';

/** `require` as a sandboxed preload has it; undefined in subframes, where Electron runs no preload. */
export function preloadRequire(): ((name: string) => unknown) | undefined {
  const scope = window as unknown as Record<string, unknown>;
  const binding = scope[invokeBindingName] as InvokeBinding | undefined;
  Reflect.deleteProperty(scope, invokeBindingName);
  if (!binding || window.top !== window) return undefined;

  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]): Promise<unknown> => {
      const answer = await binding(channel, args);
      if (!answer.ok) throw new Error(`Error invoking remote method '${channel}': Error: ${answer.message}`);
      return answer.value;
    },
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  // Checked against Electron's signatures (their `this` results aside).
  ipcRenderer satisfies Pick<Electron.IpcRenderer, 'invoke'> & {
    readonly on: (...args: Parameters<Electron.IpcRenderer['on']>) => unknown;
    readonly removeListener: (...args: Parameters<Electron.IpcRenderer['removeListener']>) => unknown;
  };

  Object.defineProperty(window, deliverName, {
    value: (channel: string, args: readonly unknown[]) => {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] } as unknown as Electron.IpcRendererEvent;
      for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
    },
  });

  /** What crosses contextBridge: a copy, functions wrapped, a frozen source stays frozen. */
  const copyAcross = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const target = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => target(...args);
    }
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = copyAcross(inner);
    return Object.isFrozen(value) ? Object.freeze(copy) : copy;
  };
  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (apiKey in window) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      Object.defineProperty(window, apiKey, { value: copyAcross(api), enumerable: true });
    },
  } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

  return (name: string) => {
    // A sandboxed preload can require 'electron' and a few Node stand-ins, never a file.
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${name}`);
  };
}
