import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { AppError, toFailure } from '../failures/errors';
import { retryAfterSeconds } from './answer-failure';
import { attachmentsPath, structureSearchPath } from './chorus-client';
import { newClient, targetOf } from '../../test/support/chorus-client-fixture';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { demoAccount } from '../../test/support/core-fixture';

// The answers of the real service that the happy path does not meet (docs/chorus-pro-api.md,
// "Errors as the real service answers them"), each played by the simulator.

const closedAfterTest = closedAfterEachTest((running: Simulator) => running.close());
const simulator = async (): Promise<Simulator> => closedAfterTest(await startSimulator({ fixture: loadFixture() }));

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the operation should have failed').toBeInstanceOf(AppError);
  return error as AppError;
}

describe('a PISTE application subscribed to some Chorus Pro APIs only', () => {
  it('API_NOT_SUBSCRIBED naming Utilisateurs when Structures answers, and how to add it on the PISTE portal', async () => {
    const chorus = await simulator();
    const failure = await failureOf(
      newClient().testConnection(targetOf(chorus), {
        ...demoAccount,
        clientId: 'sans-utilisateurs-client-id',
        clientSecret: 'sans-utilisateurs-client-secret',
      }),
    );
    expect(failure.code).toBe('API_NOT_SUBSCRIBED');
    expect(failure.message).toContain('« Utilisateurs »');
    expect(failure.message).toMatch(/portail PISTE.*abonnez-la/);
    expect(failure.message).toMatch(/qualification et la production ont chacune leurs abonnements/);
    expect(chorus.requestCounts.get(structureSearchPath)).toBe(1);
  });

  it('FORBIDDEN saying the subscription is missing as a whole when Structures refuses too', async () => {
    const chorus = await simulator();
    const failure = await failureOf(
      newClient().testConnection(targetOf(chorus), {
        ...demoAccount,
        clientId: 'non-abonnee-client-id',
        clientSecret: 'non-abonnee-client-secret',
      }),
    );
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.message).toContain("ni l'API Utilisateurs ni l'API Structures ne répondent");
    expect(failure.message).toMatch(/raccordement/);
  });
});

describe('PISTE quotas', () => {
  it('RATE_LIMITED with the seconds of Retry-After, in the message and on the Failure', async () => {
    const chorus = await simulator();
    chorus.throttleFor(7);
    const failure = await failureOf(newClient().testConnection(targetOf(chorus), demoAccount));
    expect(failure.code).toBe('RATE_LIMITED');
    expect(failure.retryAfterSeconds).toBe(7);
    expect(failure.message).toMatch(/^réessayez dans 7 secondes\./);
    expect(toFailure(failure, 'command-line')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('RATE_LIMITED without a wait when PISTE gives none, telling to try again in a few minutes', async () => {
    const chorus = await simulator();
    chorus.throttleFor(5, { retryAfter: false });
    const failure = await failureOf(newClient().testConnection(targetOf(chorus), demoAccount));
    expect(failure.code).toBe('RATE_LIMITED');
    expect(failure.retryAfterSeconds).toBeUndefined();
    expect(failure.message).toContain('quelques minutes');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('bientôt', now)).toBeUndefined();
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  });
});

describe('an outage of the token endpoint', () => {
  it.each([503, 502])('OAUTH_UNAVAILABLE, not OAUTH_REJECTED, for HTTP %i with a maintenance page', async (status) => {
    const chorus = await simulator();
    chorus.failTokenNext(status);
    const failure = await failureOf(newClient().testConnection(targetOf(chorus), demoAccount));
    expect(failure.code).toBe('OAUTH_UNAVAILABLE');
    expect(failure.message).toContain('indisponible');
    expect(failure.message).toMatch(/Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause/);
    expect(chorus.requestCounts.get(attachmentsPath)).toBeUndefined();
  });

  it('OAUTH_UNAVAILABLE for a maintenance page served with HTTP 200 where the token was due', async () => {
    const chorus = await simulator();
    chorus.failTokenNext(200);
    const failure = await failureOf(newClient().testConnection(targetOf(chorus), demoAccount));
    expect(failure.code).toBe('OAUTH_UNAVAILABLE');
    expect(failure.message).toContain('page de maintenance');
  });
});

describe('a refused technical password', () => {
  it('goes out once per test, even with a token in memory (no retry without invalid_token)', async () => {
    const chorus = await simulator();
    const client = newClient();
    await client.testConnection(targetOf(chorus), demoAccount);
    const wrong = { ...demoAccount, password: 'ancien-mot-de-passe' };
    const before = chorus.passwordChecks.get(demoAccount.login) ?? 0;
    expect((await failureOf(client.testConnection(targetOf(chorus), wrong))).code).toBe('AUTH_REJECTED');
    expect(chorus.passwordChecks.get(demoAccount.login)).toBe(before + 1);
    expect((await failureOf(client.testConnection(targetOf(chorus), wrong))).code).toBe('AUTH_REJECTED');
    expect(chorus.passwordChecks.get(demoAccount.login)).toBe(before + 2);
    expect(chorus.requestCounts.get('/api/oauth/token')).toBe(1);
  });

  it('still renews a token the challenge blames (error="invalid_token"), once', async () => {
    const chorus = await simulator();
    const client = newClient();
    await client.testConnection(targetOf(chorus), demoAccount);
    chorus.expireTokens();
    await expect(client.testConnection(targetOf(chorus), demoAccount)).resolves.toMatchObject({ structureCount: 3 });
    expect(chorus.requestCounts.get('/api/oauth/token')).toBe(2);
  });
});

describe('inactive accounts and attachments', () => {
  it('reports a technical user whose statutUtilisateur is not ACTIF', async () => {
    const chorus = await simulator();
    const check = await newClient().testConnection(targetOf(chorus), {
      ...demoAccount,
      login: 'TECH_4_inactif@cpro.fr',
      password: 'Compte-Inactif-2026',
    });
    expect(check.inactive).toBe('compte technique au statut INACTIF');
  });

  it('reports an account whose attachments are all inactive, not one with some inactive', async () => {
    const chorus = await simulator();
    const check = await newClient().testConnection(targetOf(chorus), {
      ...demoAccount,
      login: 'TECH_5_rattachements_inactifs@cpro.fr',
      password: 'Rattachements-Inactifs-2026',
    });
    expect(check.inactive).toBe('2 rattachements à une structure, tous inactifs');
    const demoCheck = await newClient().testConnection(targetOf(chorus), demoAccount);
    expect(demoCheck.inactive).toBeUndefined();
    expect(demoCheck.expirySources.map((source) => source.id)).toEqual([25001234, 25001235, 25001236]);
  });
});

describe('the decommissioned hosts', () => {
  it('refuses an address on *.aife.economie.gouv.fr before any request, naming the PISTE pair', async () => {
    const chorus = await simulator();
    const failure = await failureOf(
      newClient().testConnection(
        targetOf(chorus, { apiBaseUrl: 'https://chorus-pro.aife.economie.gouv.fr' }),
        demoAccount,
      ),
    );
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.message).toContain('https://api.piste.gouv.fr');
    expect(failure.message).toContain('https://oauth.piste.gouv.fr/api/oauth/token');
    expect(failure.message).toContain('https://sandbox-api.piste.gouv.fr');
    expect(chorus.requestCounts.size).toBe(0);
  });
});
