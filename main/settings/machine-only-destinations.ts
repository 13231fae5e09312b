/*
 * Script and server destinations come from the machine policy only. One found anywhere else — a
 * user's settings file, a deployment profile (the machine-wide one included), a fleet
 * publication — is refused with its reason: whoever can write those would otherwise choose the
 * program that receives the password, or the certificate it is encrypted to.
 */

export const machineOnlyReason =
  "les destinations de type script ou serveur ne se définissent que par la stratégie de la machine (valeur Policy de HKLM\\SOFTWARE\\Policies\\Chorus Pro Echanges, ou /etc/chorus-pro-echanges/policy.json), jamais par un profil, une publication du parc ou les paramètres d'un utilisateur";

const destinationKeys: ReadonlySet<string> = new Set([
  'destinations',
  'exchangeDestinations',
  'scriptDestinations',
  'serverDestinations',
]);
const machineFields: readonly string[] = ['command', 'args', 'certificate', 'folder'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An entry that describes a program to run or a certificate and a folder to drop into. */
export const looksLikeMachineDestination = (value: unknown): boolean =>
  isRecord(value) &&
  (value.kind === 'script' || value.kind === 'server' || machineFields.some((field) => field in value));

/** Where in `data` such destinations are (paths like `accounts.0.destinations`), looked for a few levels deep. */
export function machineDestinationsIn(data: unknown, path = '', depth = 0): string[] {
  if (depth > 6) return [];
  if (Array.isArray(data))
    return data
      .slice(0, 5000)
      .flatMap((item, index) => machineDestinationsIn(item, `${path}${path ? '.' : ''}${index}`, depth + 1));
  if (!isRecord(data)) return [];
  if (depth > 0 && looksLikeMachineDestination(data)) return [path];
  return Object.entries(data).flatMap(([key, value]) => {
    const here = `${path}${path ? '.' : ''}${key}`;
    if (destinationKeys.has(key)) return [here];
    return machineDestinationsIn(value, here, depth + 1);
  });
}

/** The reason a profile or a publication is refused for the destinations it carries; undefined when it carries none. */
export function machineDestinationsRefusal(data: unknown): string | undefined {
  const found = machineDestinationsIn(data);
  return found.length === 0
    ? undefined
    : `destinations trouvées (${found.slice(0, 3).join(', ')}) : ${machineOnlyReason}`;
}

/**
 * A settings file read from disk with every such destination taken out of its accounts (the
 * manual checklist keeps its own lines); what was taken out is listed for the log.
 */
export function withoutMachineDestinations(raw: unknown): {
  readonly cleaned: unknown;
  readonly removed: readonly string[];
} {
  if (!isRecord(raw) || !Array.isArray(raw.accounts)) return { cleaned: raw, removed: [] };
  const removed: string[] = [];
  const accounts = raw.accounts.map((account: unknown, index) => {
    if (!isRecord(account)) return account;
    const cleaned: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(account)) {
      if (destinationKeys.has(key)) {
        removed.push(`accounts.${index}.${key}`);
      } else if (key === 'manualDestinations' && Array.isArray(value)) {
        const kept = value.filter((line: unknown, position) => {
          if (!looksLikeMachineDestination(line)) return true;
          removed.push(`accounts.${index}.manualDestinations.${position}`);
          return false;
        });
        if (kept.length > 0) cleaned[key] = kept;
      } else {
        cleaned[key] = value;
      }
    }
    return cleaned;
  });
  return { cleaned: removed.length === 0 ? raw : { ...raw, accounts }, removed };
}
