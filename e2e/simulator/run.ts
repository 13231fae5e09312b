// `npm run simulator`: the Chorus Pro simulator on this machine, with the demo account.
//   --port N (default 8390)   --tls (HTTPS with a generated CA, written to a file)   --fixture FILE
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFixture } from './fixture';
import { demoSimulatorPort, isPortTaken, startSimulator, type Simulator } from './simulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, tls: { type: 'boolean' }, fixture: { type: 'string' } },
  });
  const fixture = loadFixture(values.fixture);
  const port = Number(values.port ?? demoSimulatorPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(
      '--port : un numéro de port entre 1 et 65535 est attendu (par exemple npm run simulator -- --port 8391).\n',
    );
    process.exit(2);
  }
  let simulator: Simulator;
  try {
    simulator = await startSimulator({ fixture, tls: values.tls ?? false, port });
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    process.stderr.write(
      `Le port ${port} est déjà utilisé sur cet ordinateur (un autre simulateur tourne peut-être) : le simulateur n'a pas démarré. Arrêtez le programme qui l'occupe, ou choisissez un autre port : npm run simulator -- --port ${port + 1}\n`,
    );
    process.exit(1);
  }
  const demo = fixture.accounts[0];
  const application = fixture.applications[0];
  const lines = [
    `Simulateur Chorus Pro démarré (Ctrl+C pour l'arrêter)`,
    `  Lien URL               ${simulator.url}`,
    `  URL du jeton           ${simulator.tokenUrl}`,
    `  Identifiant client     ${application?.clientId ?? ''}`,
    `  Secret client          ${application?.clientSecret ?? ''}`,
    `  Identifiant utilisateur ${demo?.login ?? ''}`,
    `  Mot de passe           ${demo?.password ?? ''}`,
  ];
  if (simulator.caPem) {
    const caFile = join(tmpdir(), 'simulateur-chorus-pro-ca.pem');
    writeFileSync(caFile, simulator.caPem);
    lines.push(`  Certificat d'autorité  ${caFile}`);
  }
  lines.push(
    '',
    'Portail (réinitialiser le mot de passe, comme le gestionnaire principal) :',
    `  curl -X POST ${simulator.url}/simulateur/reinitialiser-mot-de-passe -d '{"login":"${demo?.login ?? ''}"}'`,
    `Autres : /simulateur/expirer-jetons, /simulateur/panne {"status":503,"nombre":2}, /simulateur/lenteur {"ms":5000},`,
    `  /simulateur/quota {"secondes":7} (429 avec Retry-After), /simulateur/panne-jeton {"status":503,"nombre":1} (page de maintenance PISTE)`,
    `Comptes de démonstration des autres réponses : voir e2e/simulator/demo-fixture.json et docs/chorus-pro-api.md`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
