import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { demoAccount } from '../../test/support/core-fixture';
import { newClient } from '../../test/support/chorus-client-fixture';
import { startLatencyProxy, type LatencyProxy } from '../../test/support/latency-proxy';
import type { ConnectionTarget } from './chorus-client';
import { readEarliestExpiry } from './password-expiry';

// Issue 36: after the verdict, the expiry is read from every attached structure's card at once
// (three with the demo account). A test told how many cards the last one read opens their API
// connections from its start, with the token's: the cards then wait for no handshake after the
// verdict. Counted at the API host's door (a relay without latency).

let simulator: Simulator;
let apiDoor: LatencyProxy;
let target: ConnectionTarget;
beforeAll(async () => {
  simulator = await startSimulator({ fixture: loadFixture(), tls: true });
  apiDoor = await startLatencyProxy(Number(new URL(simulator.url).port), 0);
  // Token host `localhost` ≠ API host `127.0.0.1`, as PISTE's two hosts.
  target = {
    apiBaseUrl: `https://127.0.0.1:${String(apiDoor.port)}`,
    tokenUrl: `https://localhost:${new URL(simulator.tokenUrl).port}/api/oauth/token`,
    timeoutSeconds: 10,
    extraCaPem: simulator.caPem ?? '',
  };
});
afterAll(async () => {
  await apiDoor.close();
  await simulator.close();
});

/** A cold test then its cards: the API connections opened by the verdict, and in all. */
async function coldTest(apiConnections?: number): Promise<{ byVerdict: number; inAll: number; cards: number }> {
  const client = newClient();
  const before = apiDoor.accepted();
  const check = await client.testConnection(target, demoAccount, undefined, apiConnections);
  const byVerdict = apiDoor.accepted() - before;
  await readEarliestExpiry((id) => client.structureDetails(target, demoAccount, id), check.expirySources);
  return { byVerdict, inAll: apiDoor.accepted() - before, cards: check.expirySources.length };
}

describe('the expiry’s cards on connections opened with the test', () => {
  it('told to open the last test’s three, opens them from the start, and none after the verdict', async () => {
    expect(await coldTest(3)).toEqual({ byVerdict: 3, inAll: 3, cards: 3 });
  });

  it('without a count, opens one, and the cards open the others after the verdict', async () => {
    expect(await coldTest()).toEqual({ byVerdict: 1, inAll: 3, cards: 3 });
  });
});
