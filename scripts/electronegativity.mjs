// Runs @doyensec/electronegativity over what ships: the main and preload sources (tests left
// out) and the built renderer page. Prints every finding; fails on any of high severity.
// The "available security fixes" check is left out: it downloads Electron's release list, and
// this runs offline. Run `npm run build` first (the page's CSP is written by the build).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const builtPage = join(root, 'dist/renderer/index.html');
if (!existsSync(builtPage)) {
  console.error('electronegativity: construisez d’abord l’application (npm run build).');
  process.exit(2);
}

const scan = mkdtempSync(join(tmpdir(), 'chorus-electronegativity-'));
try {
  const shipped = (source) => !/\.test\.ts$|test-support/.test(source);
  for (const folder of ['main', 'preload']) cpSync(join(root, folder), join(scan, folder), { recursive: true, filter: shipped });
  cpSync(builtPage, join(scan, 'renderer/index.html'));
  cpSync(join(root, 'package.json'), join(scan, 'package.json'));

  const electronVersion = require('electron/package.json').version;
  // Its CSV is the only report that carries the severity (the SARIF one drops it).
  const report = join(scan, 'report.csv');
  execFileSync(
    process.execPath,
    [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', scan, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );

  const rows = parse(readFileSync(report, 'utf8'), { from_line: 2, relax_column_count: true, trim: true });
  const findings = rows.map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }));
  for (const finding of findings) {
    console.log(`${finding.severity.padEnd(13)} ${finding.confidence.padEnd(9)} ${finding.check} ${finding.file}:${finding.location}`);
  }
  const high = findings.filter((finding) => finding.severity === 'HIGH');
  console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${high.length} of high severity`);
  process.exitCode = high.length === 0 ? 0 : 1;
} finally {
  rmSync(scan, { recursive: true, force: true });
}
