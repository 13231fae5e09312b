// Runs in the page before the app, in place of the Electron preload: the same bridge, over a
// Playwright binding instead of IPC. The binding is taken off `window` so that, as with
// contextBridge, the page holds only the named functions.
import { buildBridge, type Transport } from '../../preload/bridge';
import { builtChannelNames } from '../../preload/channel-names';

const bindingName = '__chorusTransport';
const scope = window as unknown as Record<string, unknown>;
const binding = scope[bindingName] as Transport | undefined;
if (binding) {
  Reflect.deleteProperty(scope, bindingName);
  Object.defineProperty(window, 'chorus', {
    value: buildBridge(builtChannelNames, (channel, args) => binding(channel, args)),
    enumerable: true,
  });
}
