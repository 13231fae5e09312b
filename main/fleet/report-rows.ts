// The fleet report as rows of words, workstation × account, the same for the terminal, the CSV,
// the HTML page, the notification and the screen's « Parc de postes »: what each state says in
// French, and which texts came from the workstations looking like markup or a formula (escaped
// wherever they are written, counted).
import { format, parseISO } from 'date-fns';
import { lastCheckReason } from '../chorus/last-check-text';
import { frenchDay as plainFrenchDay } from '../dates/plain-day';
import { reportSeverity, type FleetReport, type ReportAccount, type ReportMember } from './fleet-report';
import { shownFingerprint } from './fleet-identity';

const frenchDay = (isoDayOrInstant: string): string => plainFrenchDay(parseISO(isoDayOrInstant));

export type RowLevel = 'ok' | 'warning' | 'critical';

export interface ReportRow {
  readonly memberId: string;
  /** The name the IT person gave, else what the workstation declared (marked as such). */
  readonly workstation: string;
  readonly account: string;
  readonly state: string;
  readonly level: RowLevel;
  readonly lastCheck: string;
  readonly revision: string;
}

/** « 05/12/2026 08:30 », day and time both in this workstation's own time zone. */
export const frenchMoment = (instant: string): string => `${frenchDay(instant)} ${format(parseISO(instant), 'HH:mm')}`;
const at = frenchMoment;

export const workstationLabel = (member: ReportMember): string =>
  member.name ?? `${member.declared.machine} (${member.declared.user}, nom déclaré par le poste)`;

function accountWords(account: ReportAccount, member: ReportMember): { state: string; level: RowLevel } {
  const check = account.lastCheck;
  switch (account.state) {
    case 'failing':
      return {
        state: `en échec : ${check?.code ?? 'code inconnu'} (${lastCheckReason(check?.code ?? null) ?? 'raison inconnue'})`,
        level: 'critical',
      };
    case 'silent':
      return { state: `pas de nouvelles depuis le ${at(check?.at ?? member.lastSeen ?? '')}`, level: 'critical' };
    case 'due':
      return {
        state: `à renouveler avant le ${frenchDay(account.expiresOn ?? account.dueOn ?? '')}`,
        level: 'warning',
      };
    case 'unchecked':
      return { state: 'jamais vérifié sur ce poste', level: 'warning' };
    case 'disagreement':
      return {
        state:
          account.disagreement?.kept === 'local'
            ? 'OK, mais avec un mot de passe renouvelé sur le poste, pas celui du parc'
            : 'OK, désaccord avec le mot de passe du parc non tranché',
        level: 'warning',
      };
    case 'ok':
      return { state: account.localRenewal ? 'OK (mot de passe renouvelé sur le poste)' : 'OK', level: 'ok' };
  }
}

function memberOnlyRow(member: ReportMember): { state: string; level: RowLevel } | undefined {
  switch (member.state) {
    case 'silent':
      return {
        state:
          member.lastSeen === null
            ? 'pas de nouvelles depuis son acceptation'
            : `pas de nouvelles depuis le ${at(member.lastSeen)}`,
        level: 'critical',
      };
    case 'revocation-pending':
      return {
        state: `révocation en attente : renouvelez ${member.toRevoke.join(', ')}, puis publiez`,
        level: 'warning',
      };
    case 'removed':
      return { state: 'retiré du parc (révocation faite)', level: 'ok' };
    case 'reporting':
      if (member.statusProblem !== null && member.accounts.length === 0)
        return { state: member.statusProblem, level: 'warning' };
      return member.accounts.length === 0 ? { state: 'aucun compte sur ce poste', level: 'ok' } : undefined;
  }
}

export function reportRows(report: FleetReport): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const member of report.members) {
    const common = {
      memberId: member.id,
      workstation: workstationLabel(member),
      revision: member.revision === null ? '—' : String(member.revision),
    };
    const whole = memberOnlyRow(member);
    if (whole) {
      rows.push({ ...common, account: '—', lastCheck: member.lastSeen === null ? '—' : at(member.lastSeen), ...whole });
      continue;
    }
    for (const account of member.accounts)
      rows.push({
        ...common,
        account: account.name,
        lastCheck: account.lastCheck === null ? '—' : at(account.lastCheck.at),
        ...accountWords(account, member),
      });
  }
  return rows;
}

/** Text that would act as markup in a page or as a formula in a spreadsheet. */
export const looksActive = (text: string): boolean => /[<>&"']/.test(text) || /^[=+\-@\t\r]/.test(text);

/** The texts the workstations wrote (names declared, account names) that looked active: escaped wherever shown. */
export function activeTexts(report: FleetReport): number {
  const texts = report.members.flatMap((member) => [
    member.declared.machine,
    member.declared.user,
    ...member.accounts.map((account) => account.name),
  ]);
  return (
    texts.filter(looksActive).length +
    report.pending.flatMap((pending) => [pending.machine, pending.user]).filter(looksActive).length
  );
}

/** A row's level as the page, the CSV and the screen say it. */
export const levelWords = { ok: 'OK', warning: 'À faire', critical: 'Urgent' } as const;

const severityWords = [
  'OK : tous les postes vont bien.',
  'À faire bientôt : un mot de passe à renouveler, une révocation en attente, un désaccord ou le partage à corriger (ci-dessous).',
  'Urgent : un compte en échec, ou un poste sans nouvelles depuis plus de 2 jours.',
] as const;

/** The report's head: the fleet, its severity in words, the share's warnings, what was ignored or escaped. */
export function summaryLines(report: FleetReport): string[] {
  const ignored = report.ignored.line();
  const escaped = activeTexts(report);
  return [
    `Parc ${shownFingerprint(report.fingerprint)} : ${report.members.length} poste(s), ` +
      `${report.pending.length + report.pendingNotShown} en attente d'acceptation ; ` +
      `dernière publication : ${report.latestRevision > 0 ? `révision ${report.latestRevision}` : 'aucune'}.`,
    severityWords[reportSeverity(report)],
    ...report.warnings,
    ...(ignored === undefined ? [] : [ignored]),
    ...(escaped > 0
      ? [
          `${escaped} texte(s) venus des postes ressemblaient à du balisage ou à une formule : montrés comme du texte, sans effet.`,
        ]
      : []),
  ];
}
