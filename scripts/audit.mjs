// `npm run audit` (a step of `npm test`): the packages that ship in dist/ — `dependencies`, what
// `npm audit --omit=dev` reads — checked against the registry's advisories. An advisory of level
// high or critical fails the run; a registry that does not answer audits (a mirror often refuses
// them: 405, 404) only warns: the run goes on, said, and the audit is to be made where the public
// registry answers. Arguments are passed on to npm (`npm run audit -- --registry URL`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const [command, ...npmArgs] = npm;
const run = spawnSync(command, [...npmArgs, 'audit', '--omit=dev', '--json', ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (run.error || counts === undefined) {
  const why =
    report?.message ??
    report?.error?.summary ??
    run.error?.message ??
    (run.stderr.trim().split('\n').at(-1) || `code ${run.status}`);
  console.warn(
    `Audit des dépendances livrées NON FAIT : le registre n'a pas répondu à l'audit (${String(why).slice(0, 300)}).`,
  );
  console.warn(
    'La suite continue ; refaites « npm run audit » sur un poste qui joint un registre répondant aux audits (registry.npmjs.org), avant de livrer.',
  );
  process.exit(0);
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(
  ([, vulnerability]) => vulnerability.severity === 'high' || vulnerability.severity === 'critical',
);
const total = counts.total ?? 0;
if (serious.length > 0) {
  console.error(
    `Audit des dépendances livrées : ${serious.length} paquet(s) avec une vulnérabilité de niveau élevé ou critique :`,
  );
  for (const [name, vulnerability] of serious) {
    const titles = (vulnerability.via ?? [])
      .filter((via) => typeof via === 'object')
      .map((via) => `${via.title ?? ''} ${via.url ?? ''}`.trim());
    console.error(
      `  ${name} (${vulnerability.severity}, versions ${vulnerability.range ?? '?'})${titles.length > 0 ? ` : ${titles.join(' ; ')}` : ''}`,
    );
  }
  console.error(
    'Mettez ces paquets à jour (npm audit fix --omit=dev, ou une version corrigée dans package.json), puis relancez npm test.',
  );
  process.exit(1);
}
console.log(
  `Audit des dépendances livrées : aucune vulnérabilité de niveau élevé ou critique (${total} de niveau inférieur).`,
);
