import type { ChannelName, ChorusBridge } from './contract';

/** Carries one call to the main process and brings back its result; Electron IPC or a test binding. */
export type Transport = (channel: ChannelName, args: readonly unknown[]) => Promise<unknown>;

/**
 * Builds `window.chorus`: one named function per contract channel and nothing else, so the page
 * can neither name an undeclared channel nor reach the transport itself.
 */
export function buildBridge(names: readonly ChannelName[], transport: Transport): ChorusBridge {
  const functions = Object.fromEntries(
    names.map((name) => [name, (...args: unknown[]) => transport(name, args)]),
  );
  // The transport returns what the main process's dispatcher produced for that very channel.
  return Object.freeze(functions) as unknown as ChorusBridge;
}
