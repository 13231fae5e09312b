// `fleet report FOLDER [--json] [--csv FILE] [--html FILE] [--notify]` on the publisher: the
// report (main/fleet/fleet-report.ts) written as the terminal's lines, one JSON line, a CSV, a
// page; and with --notify, one notification naming what needs doing. Its exit status is a
// monitoring plugin's (the command line's one exception): 0 OK, 1 to do soon, 2 failing or
// silent, 3 unknown (run-cli.ts gives 3 to any failure of this command, bad usage included).
import { resolve } from 'node:path';
import { shownFingerprint } from '../fleet/fleet-identity';
import type { FleetDependencies } from '../fleet/fleet-dependencies';
import { fleetReport, reportSeverity } from '../fleet/fleet-report';
import { shareInspector } from '../fleet/share-warnings';
import { printable } from '../text/printable';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { notificationTitle } from './daily-check';
import { reportCsv, reportHtml, writeReportFile } from './fleet-report-files';
import { activeTexts, reportRows, summaryLines, type ReportRow } from '../fleet/report-rows';
import { text } from './options';

/** What the notification says: the workstations and accounts that need something, the first few named. */
function noticeBody(rows: readonly ReportRow[]): string {
  const needing = rows.filter((row) => row.level !== 'ok');
  const named = needing.slice(0, 4).map((row) => `${row.workstation}${row.account === '—' ? '' : ` — ${row.account}`} : ${row.state}`);
  const more = needing.length > named.length ? ` ; et ${needing.length - named.length} autre(s) : fleet report pour tout voir.` : '';
  return `${named.join(' ; ')}${more}`;
}

export async function reportAction(context: CommandContext, fleet: FleetDependencies): Promise<CommandResult> {
  const platform = context.environment.platform ?? process.platform;
  const report = await fleetReport(fleet, shareInspector(platform));
  const severity = reportSeverity(report);
  const rows = reportRows(report);
  const escaped = activeTexts(report);
  const summary = summaryLines(report);
  const written: string[] = [];
  const csv = text(context.options, 'csv');
  if (csv !== undefined) {
    await writeReportFile(resolve(csv), reportCsv(rows));
    written.push(`Tableau écrit dans ${printable(resolve(csv))} (séparateur « ; », pour un tableur).`);
  }
  const html = text(context.options, 'html');
  if (html !== undefined) {
    await writeReportFile(resolve(html), reportHtml(report, rows, summary));
    written.push(`Page écrite dans ${printable(resolve(html))} (à ouvrir dans un navigateur, hors ligne).`);
  }
  const notices: string[] = [];
  if (context.options.notify === true && severity > 0) {
    const body = noticeBody(rows);
    notices.push(body);
    context.environment.notifier?.show({ account: '', title: `${notificationTitle} — parc de postes`, body });
  }
  const notifyLines =
    context.options.notify !== true
      ? []
      : context.environment.notifier
        ? [notices.length === 0 ? 'Aucune notification : rien à faire.' : '1 notification affichée.']
        : ["Notifications : elles ne s'affichent qu'avec l'application installée ; voici ce qu'elle dirait :", `  ${notices[0] ?? '(aucune : rien à faire)'}`];
  return {
    exitStatus: severity,
    json: {
      fingerprint: shownFingerprint(report.fingerprint),
      generatedAt: report.generatedAt,
      status: severity,
      latestRevision: report.latestRevision,
      members: report.members.map((member) => ({
        id: member.id,
        name: member.name,
        declared: member.declared,
        state: member.state,
        revision: member.revision,
        appVersion: member.appVersion,
        lastSeen: member.lastSeen,
        statusProblem: member.statusProblem,
        toRevoke: member.toRevoke,
        accounts: member.accounts.map((account) => ({ name: account.name, state: account.state, lastCheck: account.lastCheck, dueOn: account.dueOn, expiresOn: account.expiresOn ?? null, localRenewal: account.localRenewal, disagreement: account.disagreement })),
      })),
      pending: report.pending,
      ignored: report.ignored.total,
      ignoredDetail: report.ignored.toJson(),
      escaped,
      warnings: report.warnings,
      ...(context.options.notify === true ? { notifications: { shown: context.environment.notifier !== undefined, texts: notices } } : {}),
    },
    lines: [...summary, ...rows.map((row) => printable(`  ${row.workstation} [${row.memberId}] — ${row.account} : ${row.state}`)), ...written, ...notifyLines],
  };
}
