import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { secretAccounts } from '../secrets/secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { longestQuotaWaitSeconds, testAllAccounts } from './test-all-accounts';

// test --all's pause after a 429, with the wait itself recorded instead of slept: what is asked,
// what is capped, and that the last account waits for nobody.

const closedAfterTest = closedAfterEachTest((simulator: Simulator) => simulator.close());
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());

async function twoAccounts() {
  const simulator = closedAfterTest(await startSimulator({ fixture: loadFixture() }));
  const fixture = disposedAfterTest(await configuredServices(simulator));
  const { services } = fixture;
  services.settings.accounts.add('Commune de Tréméreuc');
  const second = services.withAccount('Commune de Tréméreuc');
  second.settings.update({
    environment: 'custom',
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login: 'TECH_3_sans_structure@cpro.fr',
    clientId: demoAccount.clientId,
  });
  await fixture.secrets.set(
    secretAccounts.technicalPassword(simulator.url, 'TECH_3_sans_structure@cpro.fr'),
    'Sans-Structure-2026',
  );
  const waits: number[] = [];
  const wait = (seconds: number) => {
    waits.push(seconds);
    return Promise.resolve();
  };
  return { simulator, services, waits, wait };
}

describe('test --all after a 429', () => {
  it(`waits what PISTE asks, ${longestQuotaWaitSeconds} s at most, and says the wait was cut short`, async () => {
    const { simulator, services, waits, wait } = await twoAccounts();
    simulator.throttleFor(3600);
    const result = await testAllAccounts(services, wait);
    expect(waits).toEqual([longestQuotaWaitSeconds]);
    expect(result.json).toMatchObject({
      results: [
        { code: 'RATE_LIMITED', retryAfterSeconds: 3600, waitedSeconds: longestQuotaWaitSeconds },
        { code: 'RATE_LIMITED' },
      ],
    });
    expect(result.lines[0]).toContain(
      `pause limitée à ${longestQuotaWaitSeconds} s avant le compte suivant (PISTE demandait 3600 s)`,
    );
    expect(result.lines[0]).toContain('relancez test --all plus tard');
  });

  it('pauses a little when PISTE gives no Retry-After, and never after the last account', async () => {
    const { simulator, services, waits, wait } = await twoAccounts();
    simulator.throttleFor(3600, { retryAfter: false });
    const result = await testAllAccounts(services, wait);
    expect(waits).toEqual([10]);
    expect(result.lines[0]).toContain("pause de 10 s avant le compte suivant (PISTE n'a pas indiqué de délai)");
    expect(result.lines[1]).not.toContain('pause');
  });
});
