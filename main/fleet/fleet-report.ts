// `fleet report FOLDER` on the publisher: every workstation × account in one table — OK, failing
// (its code), to renew before a date, silent since a date, revocation pending after a removal — and
// the state of the share itself. The core makes the report; the command line writes it (text,
// JSON, CSV, HTML) and turns its severity into a monitoring plugin's exit status.
import { differenceInCalendarDays } from 'date-fns';
import type { FleetDependencies } from './fleet-dependencies';
import type { PublishedAccount, PublishedMember } from './fleet-formats';
import { phraseOf } from './fleet-identity';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import { latestPublicationHeader } from './publication-files';
import { openPublisher } from './publisher-keys';
import { readableBy } from './publisher-state';
import { publisherView } from './publisher-view';
import { readStatuses, type StatusRead } from './read-statuses';
import type { AccountStatus } from './status-formats';

/** Silent for more than this: the workstation (or its daily check) needs looking at. */
export const silentAfterMs = 2 * 24 * 60 * 60 * 1000;

export type AccountState = 'ok' | 'failing' | 'due' | 'unchecked' | 'silent' | 'disagreement';
export type MemberState = 'reporting' | 'silent' | 'removed' | 'revocation-pending';

export interface ReportAccount extends AccountStatus {
  readonly state: AccountState;
}

export interface ReportMember {
  readonly id: string;
  /** The name the IT person gave at `--accept --name`; null when none was given. */
  readonly name: string | null;
  /** What the workstation declared at join (machine, user): shown escaped, never trusted. */
  readonly declared: { readonly machine: string; readonly user: string };
  readonly state: MemberState;
  readonly revision: number | null;
  readonly appVersion: string | null;
  /** When its last valid status was written; null when none could be read. */
  readonly lastSeen: string | null;
  /** Why its place holds no valid status, when it does not. */
  readonly statusProblem: string | null;
  readonly accounts: readonly ReportAccount[];
  /** For a removed member: the accounts whose password and PISTE secret must still be renewed. */
  readonly toRevoke: readonly string[];
}

export interface PendingMember {
  readonly id: string;
  readonly machine: string;
  readonly user: string;
  readonly phrase: string;
}

export interface FleetReport {
  readonly fingerprint: string;
  readonly generatedAt: string;
  readonly latestRevision: number;
  readonly latestPublishedAt: string | null;
  readonly members: readonly ReportMember[];
  readonly pending: readonly PendingMember[];
  /** Join requests beyond the first `pendingShown`: counted, neither read for their phrase nor shown. */
  readonly pendingNotShown: number;
  readonly ignored: IgnoredFiles;
  readonly warnings: readonly string[];
}

/** What the share says about itself (share-warnings.ts): the folder's and the status files' rights. */
export type InspectShare = (folder: string, statusFiles: readonly string[]) => Promise<readonly string[]>;

function accountState(account: AccountStatus, now: Date): AccountState {
  if (account.lastCheck === null) return 'unchecked';
  if (now.getTime() - new Date(account.lastCheck.at).getTime() > silentAfterMs) return 'silent';
  if (!account.lastCheck.ok) return 'failing';
  if (account.dueOn !== null && differenceInCalendarDays(new Date(account.dueOn), now) <= 0) return 'due';
  if (account.disagreement !== null && account.disagreement.kept !== 'published') return 'disagreement';
  return 'ok';
}

/** A removed member's accounts still to renew: those it could read whose published password predates its removal. */
function stillToRevoke(
  member: PublishedMember,
  published: readonly PublishedAccount[],
  assignments: Parameters<typeof readableBy>[0],
  publishedAt: string | null,
): string[] {
  const removedAt = member.removedAt ?? member.acceptedAt;
  const readable = published.filter((account) => readableBy(assignments, account.name, member.id));
  if (publishedAt === null || publishedAt < removedAt) return readable.map((account) => account.name);
  return readable
    .filter((account) => account.passwordUpdatedAt === undefined || account.passwordUpdatedAt < removedAt)
    .map((account) => account.name);
}

function reportMember(
  member: PublishedMember,
  status: StatusRead | undefined,
  now: Date,
  toRevoke: readonly string[],
): ReportMember {
  const read = status?.kind === 'read' ? status.content : undefined;
  const lastSeen = read?.writtenAt ?? (status?.kind === 'sealed-elsewhere' ? status.writtenAt : null);
  const silent = now.getTime() - new Date(lastSeen ?? member.acceptedAt).getTime() > silentAfterMs;
  const state: MemberState =
    member.state === 'removed'
      ? toRevoke.length > 0
        ? 'revocation-pending'
        : 'removed'
      : silent
        ? 'silent'
        : 'reporting';
  return {
    id: member.id,
    name: member.name ?? null,
    declared: { machine: member.machine, user: member.user },
    state,
    revision: read?.revision ?? null,
    appVersion: read?.appVersion ?? null,
    lastSeen,
    statusProblem:
      status?.kind === 'not-its-own'
        ? status.why
        : status?.kind === 'sealed-elsewhere'
          ? 'état chiffré pour une autre clé de publication (écrit avant une rotation de clés, ou pour un autre poste de publication) : son détail sera lisible après la prochaine vérification de ce poste'
          : null,
    accounts: (read?.accounts ?? []).map((account) => ({ ...account, state: accountState(account, now) })),
    toRevoke,
  };
}

/**
 * Join requests shown with their phrase. Each phrase costs a scrypt (≈ 80 ms), and anyone who may
 * write `members/` can file self-signed requests: the report shows these first ones and counts the
 * rest (`fleet members` lists them all, when asked).
 */
export const pendingShown = 20;

export async function fleetReport(dependencies: FleetDependencies, inspectShare?: InspectShare): Promise<FleetReport> {
  const publisher = await openPublisher(dependencies);
  const view = await publisherView(dependencies, publisher);
  const { record } = view;
  const now = dependencies.clock();
  const ignored = new IgnoredFiles();
  const latest = await latestPublicationHeader(dependencies.folder, publisher.trust, new IgnoredFiles());
  const known = new Set(record.members.map((member) => member.id));
  const pendingJoins = await readJoinRequests(dependencies.folder, record.fingerprint, new IgnoredFiles(), known);
  const statuses = await readStatuses(
    dependencies.folder,
    record.fingerprint,
    record.members,
    new Set(pendingJoins.map((join) => join.id)),
    publisher.identity,
    ignored,
  );
  const members = record.members.map((member) =>
    reportMember(
      member,
      statuses.byMember.get(member.id),
      now,
      member.state === 'removed'
        ? stillToRevoke(member, view.previous, record.assignments, latest?.publishedAt ?? null)
        : [],
    ),
  );
  const pending: PendingMember[] = [];
  const pendingNotShown = Math.max(0, pendingJoins.length - pendingShown);
  for (const join of pendingJoins.slice(0, pendingShown))
    pending.push({
      id: join.id,
      machine: join.request.machine,
      user: join.request.user,
      phrase: await phraseOf(join.request.memberKey, join.request.recipient),
    });
  const notOwn = members.filter((member) => statuses.byMember.get(member.id)?.kind === 'not-its-own');
  const warnings = [
    ...view.warnings,
    ...(pendingNotShown > 0
      ? [
          `${pendingNotShown} autre(s) demande(s) d'adhésion en attente ne sont pas affichées : « fleet members DOSSIER » les liste toutes avec leur phrase. Autant de demandes est inhabituel : vérifiez qui peut écrire dans le dossier members du partage.`,
        ]
      : []),
    ...notOwn.map(
      (member) =>
        `Poste ${member.id} : la place de son état (status/${member.id}) ne contient pas un état écrit par lui (` +
        (member.statusProblem ?? '') +
        `) ; elle n’a pas été créée par son adhésion, ou quelqu’un l’a remplacée. Supprimez ce fichier : le poste le recréera à sa prochaine vérification.`,
    ),
    ...(inspectShare
      ? await inspectShare(
          dependencies.folder.path,
          record.members.map((member) => member.id),
        )
      : []),
  ];
  dependencies.logger.info('fleet.report', {
    members: members.length,
    pending: pending.length,
    ignored: ignored.total,
  });
  return {
    fingerprint: record.fingerprint,
    generatedAt: now.toISOString(),
    latestRevision: view.latestRevision,
    latestPublishedAt: latest?.publishedAt ?? null,
    members,
    pending,
    pendingNotShown,
    ignored,
    warnings,
  };
}

/**
 * Monitoring plugins' statuses: 0 all good, 1 something to do soon (a password due, an account
 * never checked, a disagreement, a revocation pending, a member's place holding something else
 * than its readable status, a warning about the share), 2 something failing or silent.
 */
export function reportSeverity(report: FleetReport): 0 | 1 | 2 {
  // A warning about the share (a folder anyone may change, unreadable rights, many join requests) is something to do.
  let severity: 0 | 1 | 2 = report.warnings.length > 0 ? 1 : 0;
  for (const member of report.members) {
    if (member.state === 'silent') return 2;
    if (member.state === 'revocation-pending' || member.statusProblem !== null) severity = 1;
    if (member.state !== 'reporting') continue;
    for (const account of member.accounts) {
      if (account.state === 'failing' || account.state === 'silent') return 2;
      if (account.state !== 'ok') severity = 1;
    }
  }
  return severity;
}
