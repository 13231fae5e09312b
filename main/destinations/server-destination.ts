import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, stat, unlink } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import type { Clock } from '../dates/clock';
import { printable } from '../text/printable';
import { certificateRefusal, cmsEnvelope } from './cms-envelope';
import type { DestinationOutcome } from './destination-outcome';
import type { ServerDestination } from './machine-policy';
import { asciiJson, type PasswordPayload } from './password-payload';

/** The changeId as this app makes it (a UUID): nothing else ever becomes part of a file name. */
const changeIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const serverFileName = (changeId: string): string => `${changeId}.cms`;

/**
 * Drops the credentials, encrypted to the server's certificate (CMS, as Protect-CmsMessage writes
 * it), into the policy's folder as `<changeId>.cms`: written under a temporary name beginning
 * with a dot, then renamed, so that the server's job never reads half a file. A file of that
 * name already there is this very password, dropped before: nothing to do again.
 */
export async function writeServerDestination(
  destination: ServerDestination,
  payload: PasswordPayload,
  context: { readonly platform: NodeJS.Platform; readonly clock: Clock },
): Promise<DestinationOutcome> {
  const absolute =
    context.platform === 'win32' ? win32.isAbsolute(destination.folder) : posix.isAbsolute(destination.folder);
  if (!absolute)
    return {
      ok: false,
      message: `dossier relatif refusé (« ${printable(destination.folder)} ») : la stratégie doit donner son chemin complet (\\\\serveur\\partage\\… ou C:\\…)`,
    };
  if (!changeIdPattern.test(payload.changeId))
    return {
      ok: false,
      message: 'identifiant de changement illisible dans les paramètres : renouvelez le mot de passe',
    };
  const refusal = certificateRefusal(destination.certificate, context.clock());
  if (refusal !== undefined) return { ok: false, message: refusal };
  const isFolder = await stat(destination.folder).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder)
    return {
      ok: false,
      message: `dossier ${printable(destination.folder)} introuvable ou inaccessible depuis ce poste`,
    };
  const target = join(destination.folder, serverFileName(payload.changeId));
  if (
    await access(target, constants.F_OK).then(
      () => true,
      () => false,
    )
  )
    return { ok: true, message: 'déjà déposé pour ce mot de passe' };
  const armored = await cmsEnvelope(destination.certificate, Buffer.from(asciiJson(payload), 'utf8'));
  const temporary = join(
    destination.folder,
    `.${serverFileName(payload.changeId)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(armored, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    return { ok: true };
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'erreur';
    return {
      ok: false,
      message: `écriture impossible dans ${printable(destination.folder)} (${code}) : vérifiez que ce poste peut y écrire`,
    };
  }
}
