// For `forget` (issue 34): everything the fleet keeps for this user on this workstation goes —
// the member's keys and rollback state, the publisher's working and publisher keys and invitation
// keys, and the local records. The shared folder is not touched (a removal there is the IT
// person's `fleet remove-member`).
import type { SecretStore } from '../secrets/secret-store';
import { fleetEntries, isFleetEntry } from './fleet-keychain';
import { readMemberships, readPublisherRecords, removeLocalRecords } from './local-records';

export interface ForgottenFleet {
  readonly keychainEntries: number;
  readonly localRecords: boolean;
}

export async function forgetFleetMembership(secrets: SecretStore, userDataDir: string): Promise<ForgottenFleet> {
  let names: string[];
  if (secrets.list) {
    names = (await secrets.list()).filter(isFleetEntry);
  } else {
    // A keychain that cannot list: the entries the local records name.
    let memberships: string[] = [];
    let publishers: { fingerprint: string; invitations: string[] }[] = [];
    try {
      memberships = readMemberships(userDataDir).map((membership) => membership.fingerprint);
      publishers = readPublisherRecords(userDataDir).map((record) => ({ fingerprint: record.fingerprint, invitations: record.invitations.map((invitation) => invitation.id) }));
    } catch {
      // Unreadable records: only what can be named goes.
    }
    names = [
      ...memberships.flatMap((fingerprint) => [fleetEntries.memberKeys(fingerprint), fleetEntries.memberState(fingerprint)]),
      ...publishers.flatMap(({ fingerprint, invitations }) => [fleetEntries.workingKey(fingerprint), fleetEntries.publisherIdentity(fingerprint), ...invitations.map((id) => fleetEntries.invitationKey(fingerprint, id))]),
    ];
  }
  let removed = 0;
  for (const name of names) if (await secrets.delete(name)) removed += 1;
  return { keychainEntries: removed, localRecords: removeLocalRecords(userDataDir) };
}
