// Runs in the page before the app, in place of the Electron preload: the same bridge, over a
// Playwright binding instead of IPC. The binding is taken off `window` so that, as with
// contextBridge, the page holds only the named functions. Events come in through
// `__chorusDeliver`, which the harness calls as the main process would send them.
import { buildBridge, type Transport } from '../../preload/bridge';
import { channelNames, eventNames, type EventName } from '../../common/bridge';

const bindingName = '__chorusTransport';
const scope = window as unknown as Record<string, unknown>;
const binding = scope[bindingName] as Transport | undefined;
if (binding) {
  Reflect.deleteProperty(scope, bindingName);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  Object.defineProperty(window, '__chorusDeliver', {
    value: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
  });
  Object.defineProperty(window, 'chorus', {
    value: buildBridge(
      channelNames,
      eventNames,
      (channel, args) => binding(channel, args),
      (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    ),
    enumerable: true,
  });
}
