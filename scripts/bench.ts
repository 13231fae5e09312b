// `npm run bench`: what the app's client costs over bare Node for the same calls, in one run.
// Median of 50 connection tests with a warm token through the app's client (validation, error
// mapping, axios) against the simulator, median of 50 bare `http.request` doing the same POST,
// interleaved after a warm-up, and their ratio. Also shows that a warm token makes a second test
// one request, not two.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { loadFixture } from '../e2e/simulator/fixture';
import { startSimulator } from '../e2e/simulator/simulator';
import { attachmentsPath, cproAccountHeader, createChorusClient } from '../main/chorus/chorus-client';
import { createHttpTransport } from '../main/chorus/http-transport';
import { systemClock } from '../main/clock';

const runs = 50;
const credentials = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret', login: 'TECH_1_demo@cpro.fr', password: 'Demo-Chorus-2026!' };
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};

function barePost(url: string, body: string, headers: Record<string, string>, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function main(): Promise<void> {
  const simulator = await startSimulator({ fixture: loadFixture() });
  const target = { apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, timeoutSeconds: 30 };
  const client = createChorusClient({ send: createHttpTransport(), clock: systemClock });

  const before = () => [...simulator.requestCounts.values()].reduce((sum, count) => sum + count, 0);
  let mark = before();
  await client.testConnection(target, credentials);
  const coldRequests = before() - mark;
  mark = before();
  await client.testConnection(target, credentials);
  const warmRequests = before() - mark;

  const agent = new Agent({ keepAlive: true });
  const token = (JSON.parse(await barePost(simulator.tokenUrl, new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: 'openid' }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' }, agent)) as { access_token: string }).access_token;
  const body = JSON.stringify({ parametresRecherche: { nbResultatsParPage: 1, pageResultatDemandee: 1, triColonne: 'IdStructure', triSens: 'Descendant' } });
  const headers = { Authorization: `Bearer ${token}`, 'cpro-account': cproAccountHeader(credentials.login, credentials.password), 'Content-Type': 'application/json;charset=utf-8', Accept: 'application/json' };
  const appTest = () => client.testConnection(target, credentials);
  const bareTest = async () => JSON.parse(await barePost(`${simulator.url}${attachmentsPath}`, body, headers, agent)) as unknown;
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  // Both warm (JIT, sockets, the simulator's own code), then interleaved so that the machine's
  // noise falls on both alike.
  const measure = async (label: string) => {
    for (let run = 0; run < 20; run += 1) await Promise.all([appTest(), bareTest()]);
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      appTimes.push(await timed(appTest));
      bareTimes.push(await timed(bareTest));
    }
    const app = median(appTimes);
    const bare = median(bareTimes);
    return [
      label,
      `  médiane de ${runs} tests par le client de l'application : ${app.toFixed(3)} ms`,
      `  médiane de ${runs} requêtes Node nues équivalentes     : ${bare.toFixed(3)} ms`,
      `  rapport application / Node nu : ${(app / bare).toFixed(2)} (objectif ≤ 1,15), écart ${(app - bare).toFixed(3)} ms`,
    ];
  };
  const loopback = await measure('Boucle locale, sans latence :');
  // A real Chorus Pro answers in tens of milliseconds: the same fixed cost, seen at that scale.
  simulator.setDelay(20);
  const withLatency = await measure('Avec 20 ms de latence du serveur (ordre de grandeur d’un vrai service) :');
  agent.destroy();
  await simulator.close();

  process.stdout.write(
    [
      `requêtes pour un premier test (jeton froid) : ${coldRequests}`,
      `requêtes pour un second test (jeton chaud)  : ${warmRequests}`,
      ...loopback,
      ...withLatency,
      '',
    ].join('\n'),
  );
}

void main();
