import { createChorusClient, type ConnectionTarget } from '../../main/chorus/chorus-client';
import { createHttpTransport } from '../../main/chorus/http-transport';
import { systemClock } from '../../main/dates/clock';

/** The real Chorus Pro client over real HTTP, as the app makes it. */
export const newClient = () => createChorusClient({ send: createHttpTransport(), clock: systemClock });

/** Where the client calls to reach a simulator (or anything that answers at its addresses). */
export const targetOf = (
  simulator: { readonly url: string; readonly tokenUrl: string },
  extra: Partial<ConnectionTarget> = {},
): ConnectionTarget => ({
  apiBaseUrl: simulator.url,
  tokenUrl: simulator.tokenUrl,
  timeoutSeconds: 10,
  ...extra,
});
