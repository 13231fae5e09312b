import type { ChannelName, ChorusBridge, EventName } from '../common/bridge';

/** Carries one call to the main process and brings back its result; Electron IPC or a test binding. */
export type Transport = (channel: ChannelName, args: readonly unknown[]) => Promise<unknown>;
/** Listens to one main-process event; returns what stops listening. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

const listenerName = (event: EventName): string => `on${event.charAt(0).toUpperCase()}${event.slice(1)}`;

/**
 * Builds `window.chorus`: one named function per contract channel, one `on…` function per event,
 * and nothing else, so the page can neither name an undeclared channel nor reach the transport.
 */
export function buildBridge(
  names: readonly ChannelName[],
  eventNames: readonly EventName[],
  transport: Transport,
  subscribe: Subscribe,
): ChorusBridge {
  const listen = (event: EventName) => (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // Only the payload reaches the page, never Electron's event object.
    return subscribe(event, (payload) => {
      (listener as (payload: unknown) => void)(payload);
    });
  };
  const entries: [string, unknown][] = [
    ...names.map((name): [string, unknown] => [name, (...args: unknown[]) => transport(name, args)]),
    ...eventNames.map((event): [string, unknown] => [listenerName(event), listen(event)]),
  ];
  const functions = Object.fromEntries(entries);
  // The transport returns what the main process's dispatcher produced for that very channel.
  return Object.freeze(functions) as unknown as ChorusBridge;
}
