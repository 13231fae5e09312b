// `fleet report FOLDER [--json] [--csv FILE] [--html FILE] [--notify]` on the publisher: the
// report (main/fleet/fleet-report.ts) written as the terminal's lines, one JSON line, a CSV, a
// page; and with --notify, one notification naming what needs doing. Its exit status is a
// monitoring plugin's (the command line's one exception): 0 OK, 1 to do soon, 2 failing or
// silent, 3 unknown (run-cli.ts gives 3 to any failure of this command, bad usage included).
import { resolve } from 'node:path';
import { AppError, toFailure } from '../failures/errors';
import { shownFingerprint } from '../fleet/fleet-identity';
import type { FleetDependencies } from '../fleet/fleet-dependencies';
import { fleetReport, reportSeverity } from '../fleet/fleet-report';
import { shareInspector } from '../fleet/share-warnings';
import { printable } from '../text/printable';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { notificationTitle } from '../daily-check/notices';
import { reportCsv, reportHtml, writeReportFile } from './fleet-report-files';
import { activeTexts, reportRows, summaryLines, type ReportRow } from '../fleet/report-rows';
import { text } from './options';

/** What the notification says: the workstations and accounts that need something, the first few named. */
function noticeBody(rows: readonly ReportRow[]): string {
  const needing = rows.filter((row) => row.level !== 'ok');
  const named = needing
    .slice(0, 4)
    .map((row) => `${row.workstation}${row.account === '—' ? '' : ` — ${row.account}`} : ${row.state}`);
  const more =
    needing.length > named.length
      ? ` ; et ${needing.length - named.length} autre(s) : cliquez pour ouvrir le Parc de postes.`
      : '';
  // Texts from the workstations: no line break, bidi override or invisible character reaches the notification.
  return printable(`${named.join(' ; ')}${more}`);
}

/**
 * With --notify (the publisher's daily task, which nobody watches), a report that cannot be made
 * says so in one notification too: otherwise the supervision would stop in silence.
 */
export async function reportAction(context: CommandContext, fleet: FleetDependencies): Promise<CommandResult> {
  try {
    return await makeReport(context, fleet);
  } catch (error) {
    if (context.options.notify === true) {
      const said = toFailure(error, 'command-line').message;
      context.environment.notifier?.show({
        account: '',
        title: `${notificationTitle} — parc de postes`,
        body: printable(`Rapport du parc impossible : ${said} Dossier : ${fleet.folder.path}`),
      });
    }
    throw error;
  }
}

async function makeReport(context: CommandContext, fleet: FleetDependencies): Promise<CommandResult> {
  // Before anything is read: a mistake in the command is said at once.
  const csv = text(context.options, 'csv');
  const html = text(context.options, 'html');
  if (csv !== undefined && html !== undefined && resolve(csv) === resolve(html)) {
    throw new AppError(
      'INVALID_INPUT',
      '--csv et --html nomment le même fichier : donnez-leur deux noms, par exemple parc.csv et parc.html',
    );
  }
  const platform = context.environment.platform ?? process.platform;
  const report = await fleetReport(fleet, shareInspector(platform));
  const severity = reportSeverity(report);
  const rows = reportRows(report);
  const escaped = activeTexts(report);
  const summary = summaryLines(report);
  const written: string[] = [];
  if (csv !== undefined) {
    await writeReportFile(resolve(csv), reportCsv(rows));
    written.push(`Tableau écrit dans ${printable(resolve(csv))} (séparateur « ; », pour un tableur).`);
  }
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
        : [
            "Notifications : elles ne s'affichent qu'avec l'application installée ; voici ce qu'elle dirait :",
            `  ${notices[0] ?? '(aucune : rien à faire)'}`,
          ];
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
        accounts: member.accounts.map((account) => ({
          name: account.name,
          state: account.state,
          lastCheck: account.lastCheck,
          dueOn: account.dueOn,
          expiresOn: account.expiresOn ?? null,
          localRenewal: account.localRenewal,
          disagreement: account.disagreement,
        })),
      })),
      pending: report.pending,
      ignored: report.ignored.total,
      ignoredDetail: report.ignored.toJson(),
      escaped,
      warnings: report.warnings,
      ...(context.options.notify === true
        ? { notifications: { shown: context.environment.notifier !== undefined, texts: notices } }
        : {}),
    },
    lines: [
      ...summary,
      ...rows.map((row) => printable(`  ${row.workstation} [${row.memberId}] — ${row.account} : ${row.state}`)),
      ...written,
      ...notifyLines,
    ],
  };
}
