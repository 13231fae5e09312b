// What the screen and `status` say of the fleet for the account shown: kept by the IT department
// (« Géré par le service informatique — révision 7 reçue le 04/12/2026 »), this user waiting to be
// accepted (the phrase to compare), or the machine's pointer not followed and why. Read from the
// local records and the pointer file only: no keychain, no folder, nothing slow.
import type { FleetView } from '../../common/fleet';
import { pointerRefusalText } from './machine-pointer-path';
import { readMachinePointer, type PointerDistrust } from './machine-pointer';
import { readMemberships, readPointerRecord, type Membership } from './local-records';

function safely<T>(read: () => T, otherwise: T): T {
  try {
    return read();
  } catch {
    return otherwise;
  }
}

/** The pointer's state, read now (a refusal is said even before the first start follows it). */
function pointerText(
  userDataDir: string,
  memberships: readonly Membership[],
  pointerPath: string | undefined,
  distrust: PointerDistrust,
): string | undefined {
  const reading = readMachinePointer(pointerPath, distrust);
  if (reading.kind === 'absent') return undefined;
  if (reading.kind === 'refused') return pointerRefusalText(reading.path, reading.reason);
  if (memberships.some((membership) => membership.fingerprint === reading.fingerprint)) return undefined;
  const last = readPointerRecord(userDataDir);
  const failure = last?.outcome === 'failed' && last.fingerprint === reading.fingerprint ? last.reason : undefined;
  return failure === undefined
    ? `Le pointeur de parc du poste (${reading.path}) indique un parc que cet utilisateur n'a pas encore rejoint : il le rejoindra au prochain démarrage de l'application ou à la prochaine vérification quotidienne.`
    : `Le pointeur de parc du poste (${reading.path}) n'a pas encore permis de rejoindre le parc : ${failure}. Nouvel essai au prochain démarrage ; si cela dure, prévenez votre service informatique.`;
}

export function fleetView(
  userDataDir: string,
  accountName: string,
  pointerPath: string | undefined,
  distrust: PointerDistrust,
): FleetView {
  const memberships = safely(() => readMemberships(userDataDir), []);
  const keeping = memberships.find(
    (membership) =>
      membership.managedAccounts.includes(accountName) &&
      membership.appliedRevision !== undefined &&
      membership.appliedAt !== undefined,
  );
  const waiting = memberships.find((membership) => membership.appliedRevision === undefined);
  const pointer = safely(() => pointerText(userDataDir, memberships, pointerPath, distrust), undefined);
  return {
    ...(keeping?.appliedRevision !== undefined && keeping.appliedAt !== undefined
      ? { managed: { revision: keeping.appliedRevision, receivedAt: keeping.appliedAt } }
      : {}),
    ...(waiting ? { waiting: { phrase: waiting.phrase ?? null, memberId: waiting.memberId } } : {}),
    ...(pointer === undefined ? {} : { pointer }),
  };
}
