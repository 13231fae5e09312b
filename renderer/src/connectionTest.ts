import type { Failure } from '../../common/failures';
import type { SettingsView } from '../../common/settings';

export type TestState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'succeeded'; readonly structureCount: number; readonly testedFor: string }
  | { readonly kind: 'failed'; readonly failure: Failure }
  | { readonly kind: 'confirm-spaces' };

/** What a successful test vouches for: the saved connection parameters, not the rest. */
export const connectionKey = (settings: SettingsView): string =>
  [settings.apiBaseUrl, settings.tokenUrl, settings.login ?? '', settings.clientId ?? ''].join('\n');

/** A renewal that could not reach Chorus Pro may be saved unchecked, if the user says so. */
export const unreachableCodes: ReadonlySet<string> = new Set([
  'DNS_FAILED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'PROXY_FAILED',
  'SERVER_ERROR',
  'OAUTH_UNAVAILABLE',
  'RATE_LIMITED',
]);
