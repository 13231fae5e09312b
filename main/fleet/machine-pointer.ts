// The machine's fleet pointer, `{"formatVersion": 1, "folder": "\\\\serveur\\chorus", "root":
// "<the root public key, whole>"}`: put there by an administrator (installer folder, GPO), read at
// every start and by the daily check, so that every Windows user of the workstation joins the
// fleet with nothing typed. It is trusted exactly as the machine profile is (same function: an
// owner and writers among the administrators only), and carries nothing secret.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readBoundedFileSync } from '../files/bounded-read';
import { machineProfileDistrust, platformPathsTrust } from '../profiles/machine-profile-trust';
import { fingerprintOf } from './fleet-identity';

/** Why the pointer at this path may not be followed (undefined: it may): the machine profile's own rule. */
export type PointerDistrust = (path: string) => string | undefined;
export const platformPointerDistrust: PointerDistrust = (path) => machineProfileDistrust(path, platformPathsTrust());

export const pointerFormatVersion = 1;
const pointerSchema = z
  .object({
    formatVersion: z.literal(pointerFormatVersion),
    folder: z.string().min(1).max(4096),
    root: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  })
  .strict();

export type PointerReading =
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly path: string; readonly reason: string }
  | {
      readonly kind: 'valid';
      readonly path: string;
      readonly folder: string;
      readonly rootKey: string;
      readonly fingerprint: string;
    };

/** What the pointer says, or why it is not followed; a missing file is no pointer at all. */
export function readMachinePointer(path: string | undefined, distrust: PointerDistrust): PointerReading {
  if (path === undefined || !existsSync(path)) return { kind: 'absent' };
  const refused = (reason: string): PointerReading => ({ kind: 'refused', path, reason });
  // Standard users may create folders in %ProgramData%: a pointer one of them planted would send every user to their folder.
  const distrusted = distrust(path);
  if (distrusted !== undefined) return refused(distrusted);
  const read = readBoundedFileSync(path, 16 * 1024);
  if (!read.ok) return refused('le fichier est illisible ou trop gros (16 Ko au plus)');
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return refused("ce n'est pas un fichier JSON valide");
  }
  const version = typeof data === 'object' && data !== null && 'formatVersion' in data ? data.formatVersion : undefined;
  if (typeof version === 'number' && version > pointerFormatVersion)
    return refused(
      `il est écrit pour une version plus récente de l'application (formatVersion ${version}) : mettez à jour l'application de ce poste`,
    );
  const parsed = pointerSchema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'racine').join(', ');
    return refused(
      `champ invalide : ${fields} (attendu : {"formatVersion": 1, "folder": "\\\\\\\\serveur\\\\chorus", "root": "<clé racine>"})`,
    );
  }
  return {
    kind: 'valid',
    path,
    folder: parsed.data.folder,
    rootKey: parsed.data.root,
    fingerprint: fingerprintOf(parsed.data.root),
  };
}
