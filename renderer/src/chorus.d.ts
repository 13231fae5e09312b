import type { ChorusBridge } from '../../common/bridge';

declare global {
  interface Window {
    /** The named functions the preload exposes; nothing else of the main process is reachable. */
    readonly chorus: ChorusBridge;
  }
}
