import type { EnvironmentName } from '../../preload/contract';

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
