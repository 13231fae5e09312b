// A 403 on the Utilisateurs API: which PISTE subscription is missing, asked of the Structures API.
import { AppError } from '../failures/errors';
import { structureSearchPath } from './chorus-paths';

/** Failures that mean the second API was reached: its subscription is there. */
const reachedApi: ReadonlySet<string> = new Set(['AUTH_REJECTED', 'CHORUS_ERROR', 'UNEXPECTED_RESPONSE']);

/**
 * A 403 on Utilisateurs says nothing of which subscription is missing: ask Structures. When it
 * answers, the application lacks Utilisateurs alone; when it refuses too, the subscription (or the
 * structure's API connection) is missing as a whole. Anything else keeps the first refusal.
 */
export async function whichSubscription(
  call: (path: string, body: object) => Promise<unknown>,
  error: unknown,
): Promise<never> {
  if (!(error instanceof AppError) || error.code !== 'FORBIDDEN') throw error;
  const probe = await call(structureSearchPath, structureSearchProbe).then(
    () => 'answered' as const,
    (probeError: unknown) => probeError,
  );
  if (probe === 'answered' || (probe instanceof AppError && reachedApi.has(probe.code))) {
    throw new AppError(
      'API_NOT_SUBSCRIBED',
      "API « Utilisateurs » non souscrite, l'API Structures répond ; ajoutez l'abonnement à l'API Utilisateurs",
    );
  }
  if (probe instanceof AppError && probe.code === 'FORBIDDEN') {
    throw new AppError(
      'FORBIDDEN',
      "ni l'API Utilisateurs ni l'API Structures ne répondent : l'application PISTE n'est abonnée à aucune des deux dans cet environnement, ou la structure n'a pas déclaré son raccordement par API",
    );
  }
  if (
    probe instanceof AppError &&
    (probe.code === 'CANCELLED' || probe.code === 'RATE_LIMITED' || probe.code === 'TIMEOUT')
  )
    throw probe;
  throw error;
}

/** The smallest search: one result at most, of a structure that cannot exist. */
const structureSearchProbe = {
  structure: { identifiantStructure: '00000000000000', typeIdentifiantStructure: 'SIRET' },
  parametres: {
    pageResultatDemandee: 1,
    nbResultatsParPage: 1,
    triSens: 'Descendant',
    triColonne: 'IdentifiantStructure',
  },
};
