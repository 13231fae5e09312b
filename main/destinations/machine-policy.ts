import { z } from 'zod';
import { destinationNameSchema } from '../settings/exchange-state';
import { printable } from '../text/printable';

/*
 * The machine policy: what an administrator sets for every user of a workstation, and the only
 * place script and server destinations come from (never a user's settings, a profile or a fleet
 * publication). On Windows the string value `Policy` under HKLM\SOFTWARE\Policies\Chorus Pro
 * Echanges (GPO); elsewhere the root-owned file /etc/chorus-pro-echanges/policy.json. Read again
 * at every use (policy-source.ts): a change made by GPO applies at the next renewal or `headers`.
 */

export const policyFormatVersion = 1;
/** Far above a policy with a few certificates: a bigger value is not a policy. */
export const maxPolicyBytes = 256 * 1024;
export const scriptTimeoutBounds = { min: 5, max: 600, default: 60 } as const;

/** Account names a destination serves; every account of the workstation when absent. */
const accountsSchema = z.array(z.string().min(1).max(200)).min(1).max(2000);

const scriptDestinationSchema = z
  .object({
    name: destinationNameSchema,
    kind: z.literal('script'),
    /** The program itself: an absolute path to an administrator's executable (checked before each run). */
    command: z.string().min(1).max(1024),
    /** Its arguments, from the policy only: nothing a user or a page controls is ever passed. */
    args: z.array(z.string().max(2048)).max(32).optional(),
    accounts: accountsSchema.optional(),
    /** Adds the PISTE client id and secret and the proxy address to what it receives. */
    withClientSecret: z.boolean().optional(),
    timeoutSeconds: z.int().min(scriptTimeoutBounds.min).max(scriptTimeoutBounds.max).optional(),
  })
  .strict();

const serverDestinationSchema = z
  .object({
    name: destinationNameSchema,
    kind: z.literal('server'),
    /** The server's certificate as PEM text: no file a user could swap. */
    certificate: z
      .string()
      .min(1)
      .max(64 * 1024),
    /** Where `<changeId>.cms` is dropped (a share the server's job reads). */
    folder: z.string().min(1).max(1024),
    accounts: accountsSchema.optional(),
    withClientSecret: z.boolean().optional(),
  })
  .strict();

export const machinePolicySchema = z
  .object({
    formatVersion: z.literal(policyFormatVersion),
    destinations: z
      .array(z.discriminatedUnion('kind', [scriptDestinationSchema, serverDestinationSchema]))
      .max(20)
      .optional(),
    /** false: no account of this workstation hands its credentials to local programs (`headers`, `credentials`). */
    allowScripts: z.boolean().optional(),
  })
  .strict();
export type MachinePolicy = z.infer<typeof machinePolicySchema>;
export type MachineDestination = NonNullable<MachinePolicy['destinations']>[number];
export type ScriptDestination = Extract<MachineDestination, { kind: 'script' }>;
export type ServerDestination = Extract<MachineDestination, { kind: 'server' }>;

/** What the machine says, read now. `refused`: a policy is there but cannot be used (said, never ignored). */
export type PolicyReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'policy'; readonly policy: MachinePolicy; readonly source: string }
  | { readonly kind: 'refused'; readonly source: string; readonly reason: string };

/** The policy's raw text where the machine keeps it, or why it cannot be read. */
export type PolicyText =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string; readonly source: string }
  | { readonly kind: 'refused'; readonly source: string; readonly reason: string };

export type ReadPolicyText = () => Promise<PolicyText>;

/** The policy's text checked: JSON, this format, unique names; every refusal says why in French. */
export function parseMachinePolicy(text: string, source: string): PolicyReading {
  const refused = (reason: string): PolicyReading => ({ kind: 'refused', source, reason });
  if (Buffer.byteLength(text, 'utf8') > maxPolicyBytes)
    return refused(`stratégie trop volumineuse (${maxPolicyBytes / 1024} Ko au plus)`);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refused("ce n'est pas du JSON valide");
  }
  const version = typeof data === 'object' && data !== null && 'formatVersion' in data ? data.formatVersion : undefined;
  if (typeof version === 'number' && version > policyFormatVersion) {
    return refused(
      `format ${version} inconnu de cette version (format ${policyFormatVersion} attendu) : mettez à jour l'application sur ce poste`,
    );
  }
  const parsed = machinePolicySchema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .map((issue) => issue.path.join('.') || 'racine')
      .slice(0, 5)
      .join(', ');
    return refused(
      `champ invalide : ${printable(fields)} (format ${policyFormatVersion} : formatVersion, destinations, allowScripts)`,
    );
  }
  const names = (parsed.data.destinations ?? []).map((destination) => destination.name.toLocaleLowerCase('fr'));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) return refused(`deux destinations portent le nom « ${printable(twice)} »`);
  return { kind: 'policy', policy: parsed.data, source };
}

export async function readMachinePolicy(readText: ReadPolicyText): Promise<PolicyReading> {
  const text = await readText();
  return text.kind === 'text' ? parseMachinePolicy(text.text, text.source) : text;
}

/** The destinations of the policy that serve this account. */
export function destinationsFor(policy: MachinePolicy, account: string): MachineDestination[] {
  return (policy.destinations ?? []).filter(
    (destination) => destination.accounts === undefined || destination.accounts.includes(account),
  );
}
