// What `fleet` prints, in French: every name that came from the shared folder (machine, user,
// account names) escaped (text/printable.ts), so that a share's writer cannot forge a line.
import type { FleetSync } from '../fleet/sync-fleet';
import type { PointerOutcome } from '../fleet/follow-machine-pointer';
import { pointerRefusalText } from '../fleet/machine-pointer-path';
import type { MemberList } from '../fleet/fleet-members';
import type { MemberStatus } from '../fleet/member-status';
import { printable } from '../text/printable';
import { frenchDay } from './output';

const quoted = (name: string): string => `« ${printable(name)} »`;
/** A fingerprint in groups of four, without loading the fleet's code. */
const grouped = (fingerprint: string): string => fingerprint.replace(/(.{4})(?=.)/g, '$1-');

export function syncLines(results: readonly FleetSync[]): string[] {
  return results.flatMap((result) => {
    const { outcome } = result;
    const head = `Parc ${grouped(result.fingerprint)} (${printable(result.folder)}) :`;
    const ignored = result.ignored.line();
    const lines = ((): string[] => {
      switch (outcome.kind) {
        case 'applied':
          return [
            `${head} révision ${outcome.revision} appliquée (${outcome.accounts.length} compte(s)).`,
            ...outcome.received.map(
              (name) =>
                `  ${quoted(name)} : mot de passe reçu du service informatique, non vérifié ; le prochain test (test --account "${printable(name)}") le vérifiera.`,
            ),
            ...outcome.conflicts.map((conflict) =>
              conflict.kept === 'local'
                ? `  ${quoted(conflict.account)} : le mot de passe de ce poste diffère de celui du parc ; Chorus Pro a refusé celui du parc, celui de ce poste est gardé (signalé au service informatique).`
                : conflict.kept === 'published'
                  ? `  ${quoted(conflict.account)} : le mot de passe de ce poste diffère de celui du parc ; Chorus Pro a accepté celui du parc, il le remplace.`
                  : `  ${quoted(conflict.account)} : le mot de passe de ce poste diffère de celui du parc et Chorus Pro n'a pas pu départager ; celui de ce poste est gardé, la révision sera relue à la prochaine synchronisation.`,
            ),
            ...outcome.skipped.map(
              (name) =>
                `  ${quoted(name)} : nom de compte refusé par cette version (caractère interdit) ; compte non appliqué, signalez-le au service informatique.`,
            ),
            ...outcome.otherFleet.map(
              (name) =>
                `  ${quoted(name)} : ce compte est déjà géré par un autre parc de ce poste ; il n'est pas repris (signalez au service informatique que deux parcs publient le même nom).`,
            ),
          ];
        case 'nothing-new':
          return [`${head} rien de nouveau (révision ${outcome.revision} déjà appliquée).`];
        case 'pending':
          return [
            `${head} en attente d'acceptation par le service informatique.`,
            `  Phrase de ce poste, à comparer avec celle que liste fleet members : ${outcome.phrase}`,
          ];
        case 'removed':
          return [
            `${head} ce poste a été retiré du parc par le service informatique (révision ${outcome.revision}) : il ne reçoit plus les mots de passe.`,
          ];
        case 'failed':
          return [`${head} ${outcome.code} — ${outcome.message}`, '  Ce poste garde les mots de passe qu’il avait.'];
      }
    })();
    return ignored === undefined ? lines : [...lines, `  ${ignored}`];
  });
}

export function membersLines(list: MemberList): string[] {
  const states = { pending: 'en attente', accepted: 'accepté', removed: 'retiré' } as const;
  return [
    ...(list.members.length === 0 ? ["Aucun poste n'a demandé à rejoindre ce parc."] : []),
    ...list.members.map(
      (member) =>
        `${member.id}  ${states[member.state].padEnd(10)}  « ${member.phrase} »  ` +
        `${printable(member.machine)} / ${printable(member.user)}` +
        (member.name === null ? '' : `  (${printable(member.name)})`),
    ),
    ...(list.members.some((member) => member.state === 'pending')
      ? [
          'Pour accepter un poste en attente : comparez sa phrase avec celle que le poste affiche (fleet status), puis fleet publish DOSSIER --accept ID --name NOM.',
        ]
      : []),
    ...list.samePhrase.map(
      (phrase) =>
        `Attention : plusieurs postes montrent la phrase « ${phrase} » ; l'un d'eux peut être une imitation, vérifiez sur place avant d'accepter.`,
    ),
    ...(list.assignments.length === 0 ? [] : ['Comptes réservés à certains postes (les autres vont à tous) :']),
    ...list.assignments.map((assignment) => `  ${quoted(assignment.account)} : ${assignment.members.join(', ')}`),
    ...(list.ignored.line() === undefined ? [] : [list.ignored.line() ?? '']),
  ];
}

export function statusLines(statuses: readonly MemberStatus[]): string[] {
  if (statuses.length === 0)
    return [
      "Ce poste ne fait partie d'aucun parc de postes pour cet utilisateur (fleet join DOSSIER --publisher EMPREINTE pour en rejoindre un).",
    ];
  return statuses.flatMap((status) => [
    `Parc ${status.fingerprint} (${printable(status.folder)}), poste ${status.memberId}`,
    `  Phrase de ce poste : ${status.phrase ?? '(clés absentes du coffre-fort : rejoignez le parc à nouveau)'}`,
    status.appliedRevision === null
      ? "  Aucune révision reçue : en attente d'acceptation, ou rien de publié encore (fleet sync pour vérifier)."
      : `  Géré par le service informatique — révision ${status.appliedRevision} reçue le ${frenchDay(status.appliedAt ?? '')}`,
    ...status.accounts.map(
      (account) =>
        `  ${quoted(account.name)} : ` +
        (account.verified
          ? 'mot de passe vérifié par un test'
          : 'mot de passe reçu du service informatique, non vérifié'),
    ),
  ]);
}

/** What the machine's fleet pointer did, in one line or none (nothing to say when absent or already followed). */
export function pointerLines(outcome: PointerOutcome): string[] {
  switch (outcome.kind) {
    case 'absent':
      return [];
    case 'member':
      return outcome.moved
        ? [
            `Pointeur de parc du poste : le parc ${grouped(outcome.fingerprint)} se lit désormais dans le dossier que le pointeur indique.`,
          ]
        : [];
    case 'refused':
      return [`Attention : ${pointerRefusalText(outcome.path, outcome.reason)}`];
    case 'joined':
      return [
        `Pointeur de parc du poste : ce poste (cet utilisateur) a demandé à rejoindre le parc ${grouped(outcome.fingerprint)}, sans rien saisir ; en attente d'acceptation par le service informatique.`,
        `  Phrase de ce poste, à comparer avec celle que liste fleet members : ${outcome.phrase}`,
      ];
    case 'failed':
      return [
        `Pointeur de parc du poste : ${outcome.reason} ; nouvel essai au prochain démarrage ou à la prochaine vérification.`,
      ];
  }
}

export const pointerJson = (outcome: PointerOutcome): Record<string, unknown> | undefined =>
  outcome.kind === 'absent' ? undefined : { ...outcome };
