// `fleet report --csv FILE` and `--html FILE`: the report's rows for a spreadsheet, and a page
// readable offline. Every cell comes from untrusted files: in the CSV a cell that a spreadsheet
// would read as a formula (=, +, -, @, tab, CR first) is written as text (a leading apostrophe,
// OWASP's advice); in the page every text is escaped, and the page allows no script at all.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AppError } from '../failures/errors';
import type { FleetReport } from '../fleet/fleet-report';
import { shownFingerprint } from '../fleet/fleet-identity';
import { frenchDay } from './output';
import { frenchMoment, levelWords, type ReportRow } from '../fleet/report-rows';

const csvCell = (text: string): string => {
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
};

const csvHeader = ['Poste (identifiant)', 'Poste', 'Compte', 'État', 'Niveau', 'Dernière vérification', 'Révision'];

/** `;`-separated with a byte-order mark: what Excel opens as French text, accents included. */
export function reportCsv(rows: readonly ReportRow[]): string {
  const lines = [
    csvHeader,
    ...rows.map((row) => [
      row.memberId,
      row.workstation,
      row.account,
      row.state,
      levelWords[row.level],
      row.lastCheck,
      row.revision,
    ]),
  ];
  return `\ufeff${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** « Parc …, rapport du … ; dernière publication : … », escaped for the page. */
const reportHeading = (report: FleetReport): string =>
  `Parc ${escapeHtml(shownFingerprint(report.fingerprint))}, rapport du ${escapeHtml(frenchMoment(report.generatedAt))} ; ` +
  'dernière publication : ' +
  (report.latestRevision > 0
    ? `révision ${report.latestRevision}` +
      (report.latestPublishedAt ? ` du ${escapeHtml(frenchDay(report.latestPublishedAt))}` : '')
    : 'aucune') +
  '.';

export function reportHtml(report: FleetReport, rows: readonly ReportRow[], summary: readonly string[]): string {
  const cells = rows
    .map(
      (row) =>
        `<tr class="${row.level}"><td>${escapeHtml(row.workstation)}<br><small>${escapeHtml(row.memberId)}</small></td><td>${escapeHtml(row.account)}</td><td>${levelWords[row.level]}</td><td>${escapeHtml(row.state)}</td><td>${escapeHtml(row.lastCheck)}</td><td>${escapeHtml(row.revision)}</td></tr>`,
    )
    .join('\n');
  const pending = report.pending
    .map(
      (member) =>
        `<li>${escapeHtml(member.machine)} (${escapeHtml(member.user)}) — <code>${escapeHtml(member.id)}</code> — phrase : <strong>${escapeHtml(member.phrase)}</strong></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Parc de postes ${escapeHtml(shownFingerprint(report.fingerprint))} — rapport du ${escapeHtml(frenchDay(report.generatedAt))}</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 1.5rem; color: #1e1e1e; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
tr.ok td:nth-child(3) { background: #d8f0d8; color: #14532d; }
tr.warning td:nth-child(3) { background: #fff1c2; color: #713f12; }
tr.critical td:nth-child(3) { background: #fbd5d5; color: #7f1d1d; font-weight: bold; }
small { color: #555; }
</style>
</head>
<body>
<h1>Parc de postes — rapport</h1>
<p>${reportHeading(report)}</p>
<ul>${summary.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<table>
<thead><tr><th>Poste</th><th>Compte</th><th>Niveau</th><th>État</th><th>Dernière vérification</th><th>Révision</th></tr></thead>
<tbody>
${cells}
</tbody>
</table>
${report.pending.length > 0 ? `<h2>Postes en attente d'acceptation</h2>\n<ul>\n${pending}\n</ul>` : ''}
</body>
</html>
`;
}

/** Written whole or not at all: a new file beside it, renamed over the old one (a daily task rewrites it). */
export async function writeReportFile(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, path);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new AppError(
      'INVALID_INPUT',
      `impossible d'écrire ${path} : fermez-le s'il est ouvert (Excel, un navigateur), et vérifiez que son dossier existe, que ce n'est pas un dossier et que vous pouvez y écrire`,
    );
  }
}
