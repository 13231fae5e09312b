// Who a publication is for: members accepted with a valid invitation code, and the one the IT
// person accepts by its id after comparing its phrase (`--accept ID`; there is no "accept all").
import { AppError } from '../failures/errors';
import { hasLookAlikeCharacter } from '../text/look-alike';
import type { FleetBase } from './fleet-dependencies';
import { fleetEntries } from './fleet-keychain';
import { invitationProof, sameProof } from './invitations';
import type { VerifiedJoin } from './join-requests';
import type { PublishedMember, PublisherRecord } from './local-records';

export interface Acceptance {
  readonly members: readonly PublishedMember[];
  readonly invitations: PublisherRecord['invitations'];
  readonly acceptedNow: readonly string[];
  readonly warnings: readonly string[];
}

/** The name the IT person gives a member (`--name`): shown in its reports only, never in the folder. */
export function checkMemberName(name: string): string {
  const composed = name.normalize('NFC').trim();
  if (composed.length === 0 || composed.length > 80 || hasLookAlikeCharacter(composed)) {
    throw new AppError('INVALID_INPUT', '--name : de 1 à 80 caractères, sans caractère invisible ou de contrôle');
  }
  return composed;
}

const memberOf = (join: VerifiedJoin, via: 'code' | 'phrase', at: string, name?: string): PublishedMember => ({
  id: join.id,
  recipient: join.request.recipient,
  memberKey: join.request.memberKey,
  machine: join.request.machine,
  user: join.request.user,
  ...(name !== undefined ? { name } : {}),
  state: 'accepted',
  acceptedAt: at,
  via,
});

export async function acceptMembers(
  { secrets, clock }: FleetBase,
  record: PublisherRecord,
  joins: readonly VerifiedJoin[],
  asked: { readonly accept?: string; readonly name?: string },
): Promise<Acceptance> {
  const now = clock();
  const at = now.toISOString();
  let members = [...record.members];
  let invitations = [...record.invitations];
  const acceptedNow: string[] = [];
  const warnings: string[] = [];
  const known = new Set(members.map((member) => member.id));

  // Codes: each open invitation accepts the one join request that proves it; two claiming one code accept none.
  for (const invitation of invitations.filter(
    (candidate) => candidate.usedBy === undefined && new Date(candidate.expiresAt) > now,
  )) {
    const key = await secrets.get(fleetEntries.invitationKey(record.fingerprint, invitation.id));
    if (key === undefined) continue;
    const proofKey = Buffer.from(key, 'base64');
    const claiming = joins.filter(
      (join) =>
        !known.has(join.id) &&
        join.request.invitationProof !== undefined &&
        sameProof(join.request.invitationProof, invitationProof(proofKey, join.id)),
    );
    if (claiming.length > 1) {
      const claimants = claiming.map((join) => join.id).join(', ');
      warnings.push(
        `Un même code d'invitation est présenté par ${claiming.length} postes (${claimants}) : aucun n'est accepté par ce code ; comparez leurs phrases (fleet members) et acceptez le bon avec --accept.`,
      );
      continue;
    }
    const [join] = claiming;
    if (!join) continue;
    members.push(memberOf(join, 'code', at));
    known.add(join.id);
    acceptedNow.push(join.id);
    invitations = invitations.map((candidate) =>
      candidate.id === invitation.id ? { ...candidate, usedBy: join.id } : candidate,
    );
  }

  if (asked.accept !== undefined) {
    const join = joins.find((candidate) => candidate.id === asked.accept);
    if (!join)
      throw new AppError(
        'INVALID_INPUT',
        `--accept : aucune demande d'adhésion valide du poste ${asked.accept} dans le dossier ; vérifiez l'identifiant avec fleet members DOSSIER, ou faites relancer fleet join sur le poste`,
      );
    const name = asked.name === undefined ? undefined : checkMemberName(asked.name);
    const existing = members.find((member) => member.id === join.id);
    if (existing?.state === 'accepted') {
      members = members.map((member) => (member.id === join.id && name !== undefined ? { ...member, name } : member));
    } else {
      members = [...members.filter((member) => member.id !== join.id), memberOf(join, 'phrase', at, name)];
      acceptedNow.push(join.id);
    }
  } else if (asked.name !== undefined) {
    throw new AppError('INVALID_INPUT', '--name accompagne --accept ID : il nomme le poste accepté');
  }
  return { members, invitations, acceptedNow, warnings };
}
