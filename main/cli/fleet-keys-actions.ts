// `fleet rotate-key` and `fleet assign` (fleet-actions.ts reads the words): the root certifying
// this workstation's new keys, and an account restricted to some members.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../failures/errors';
import { readBoundedFileSync } from '../files/bounded-read';
import { assignAccount } from '../fleet/assign-account';
import type { FleetDependencies } from '../fleet/fleet-dependencies';
import { parseMemberId, shownFingerprint } from '../fleet/fleet-identity';
import { pointerFormatVersion, readMachinePointer } from '../fleet/machine-pointer';
import { openPublisher } from '../fleet/publisher-keys';
import { rotateKey } from '../fleet/rotate-key';
import { printable } from '../text/printable';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { text, texts } from './options';
import { secretFromStdin } from './secret-option';

/** A root key file is a few hundred bytes of armored age: anything far larger is not one. */
const rootFileCap = 64 * 1024;

export async function rotateKeyAction(context: CommandContext, fleet: FleetDependencies): Promise<CommandResult> {
  const file = text(context.options, 'root-key-file');
  if (file === undefined)
    throw new AppError(
      'INVALID_INPUT',
      'fleet rotate-key attend --root-key-file FICHIER : le fichier de la clé racine gardé au coffre (fleet create l’a écrit)',
    );
  const read = readBoundedFileSync(resolve(file), rootFileCap);
  if (!read.ok)
    throw new AppError(
      'INVALID_INPUT',
      `--root-key-file : ${resolve(file)} est introuvable, illisible ou trop gros ; indiquez le fichier de la clé racine gardé au coffre`,
    );
  const passphrase = await secretFromStdin(context, 'passphrase-stdin', 'Phrase secrète de la clé racine du parc');
  const addPublisher = context.options['add-publisher'] === true;
  const rotated = await rotateKey(fleet, { rootKeyFileText: read.text, passphrase, addPublisher }, (content) =>
    context.services.applyFleetAccounts(content),
  );
  return {
    json: { ...rotated },
    lines: [
      addPublisher
        ? `Ce poste est certifié comme poste de publication du parc ${rotated.fingerprint} (certificat ${rotated.sequence}), à côté des ${rotated.publishers - 1} autre(s) : chacun peut publier.`
        : `Nouvelles clés de publication certifiées pour le parc ${rotated.fingerprint} (certificat ${rotated.sequence}) : seul ce poste peut publier désormais.`,
      ...(rotated.revoked.length === 0
        ? []
        : [
            "  Clé(s) de l'ancien poste de publication révoquée(s) : " +
              rotated.revoked.join(', ') +
              ' ; une publication signée par elles est ignorée par chaque poste.',
          ]),
      `  ${rotated.members} poste(s) membre(s) repris ; ils accepteront la prochaine publication sans rejoindre le parc à nouveau.`,
      ...(rotated.accounts.length === 0
        ? []
        : [
            `  Comptes de la dernière publication (révision ${rotated.lastRevision}) repris sur ce poste : ` +
              rotated.accounts.map((name) => `« ${printable(name)} »`).join(', ') +
              ' ; mots de passe reçus, non vérifiés.',
          ]),
      ...rotated.warnings,
      'Les codes d’invitation ouverts avant la rotation ne servent plus : invitez à nouveau (fleet invite DOSSIER), ou acceptez par la phrase (--accept).',
      `Publiez maintenant depuis ce poste : fleet publish ${printable(fleet.folder.path)}`,
    ],
  };
}

export async function assignAction(context: CommandContext, fleet: FleetDependencies): Promise<CommandResult> {
  const account = text(context.options, 'account');
  if (account === undefined)
    throw new AppError(
      'INVALID_INPUT',
      'fleet assign attend --account NOM : le compte technique à réserver à certains postes',
    );
  const everyone = context.options['all-members'] === true;
  const typed = texts(context.options, 'member');
  if (everyone === typed.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      'fleet assign attend soit --member ID (une fois par poste, ou ID,ID), soit --all-members pour rendre le compte à tous les postes',
    );
  const assigned = await assignAccount(
    fleet,
    { account, members: everyone ? null : typed.map(parseMemberId) },
    context.services.workstation.accounts.list(),
  );
  const name = `« ${printable(assigned.account)} »`;
  return {
    json: { account: assigned.account, members: assigned.members, losing: assigned.losing },
    lines: [
      assigned.members === null
        ? `${name} ira à tous les postes acceptés à la prochaine publication.`
        : `${name} sera lisible par ${assigned.members.length} poste(s) seulement à la prochaine publication : ` +
          assigned.members.join(', ') +
          '.',
      ...(assigned.losing.length === 0
        ? []
        : [
            `  ${assigned.losing.length} poste(s) l'avaient reçu et le gardent : ${assigned.losing.join(', ')}.`,
            '  Si ces postes ne doivent plus pouvoir se connecter à ce compte, faites réinitialiser son mot de passe sur le portail Chorus Pro, enregistrez le nouveau ici (set-password), puis publiez.',
          ]),
      `Publiez pour l'appliquer : fleet publish ${printable(fleet.folder.path)}`,
    ],
  };
}

/**
 * `fleet pointer DOSSIER FICHIER`: the machine pointer (`fleet.json`) an administrator copies to
 * %ProgramData%\Chorus Pro Echanges on every workstation (installer, GPO, script). Written from
 * the root key this publisher pinned when it created the fleet, never from the share's files, so
 * a writer of the share cannot slip another fleet's root into it; read back with the very parser
 * the workstations use (trust of its folder aside: that is the workstation's).
 */
export async function pointerAction(fleet: FleetDependencies, target: string | undefined): Promise<CommandResult> {
  if (target === undefined)
    throw new AppError(
      'INVALID_INPUT',
      'fleet pointer DOSSIER FICHIER : indiquez le fichier à écrire (fleet.json), à copier ensuite dans %ProgramData%\\Chorus Pro Echanges de chaque poste',
    );
  const publisher = await openPublisher(fleet);
  const path = resolve(target);
  const pointer = { formatVersion: pointerFormatVersion, folder: fleet.folder.path, root: publisher.record.rootKey };
  try {
    writeFileSync(path, `${JSON.stringify(pointer, null, 2)}\n`, { encoding: 'utf8', mode: 0o644 });
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `fleet pointer : impossible d'écrire ${path} ; choisissez un dossier où vous pouvez écrire`,
    );
  }
  const reading = readMachinePointer(path, () => undefined);
  if (reading.kind !== 'valid' || reading.fingerprint !== publisher.record.fingerprint)
    throw new AppError('INTERNAL_ERROR', `fleet pointer : ${path} relu ne désigne pas ce parc`);
  return {
    json: { file: path, folder: pointer.folder, fingerprint: shownFingerprint(reading.fingerprint) },
    lines: [
      `Pointeur de parc écrit dans ${printable(path)} : parc ${shownFingerprint(reading.fingerprint)}, dossier ${printable(pointer.folder)}.`,
      '  Copiez-le dans %ProgramData%\\Chorus Pro Echanges\\fleet.json de chaque poste (dossier créé par l’installateur : seuls les administrateurs y écrivent) ;',
      '  chaque utilisateur du poste demandera à rejoindre le parc au prochain démarrage de l’application ou à la vérification quotidienne.',
    ],
  };
}
