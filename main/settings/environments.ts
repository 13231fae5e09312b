import type { EnvironmentName } from '../../common/settings';

export interface EnvironmentEndpoints {
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
}

/** PISTE's published endpoints; `custom` takes whatever the user types. */
export const knownEnvironments: Readonly<Record<Exclude<EnvironmentName, 'custom'>, EnvironmentEndpoints>> = {
  production: {
    apiBaseUrl: 'https://api.piste.gouv.fr',
    tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
  },
  qualification: {
    apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
    tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
  },
};

const officialHosts: ReadonlySet<string> = new Set(
  Object.values(knownEnvironments).flatMap(({ apiBaseUrl, tokenUrl }) => [
    new URL(apiBaseUrl).hostname,
    new URL(tokenUrl).hostname,
  ]),
);

/** Whether an address is one of PISTE's own (API or token, production or qualification). */
export function isOfficialPisteAddress(address: string): boolean {
  try {
    return officialHosts.has(new URL(address).hostname.toLowerCase());
  } catch {
    return false;
  }
}
