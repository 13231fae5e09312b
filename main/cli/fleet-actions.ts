// What `fleet ACTION` does (commands/fleet.ts names the command): options and words in, the
// fleet core's results out (main/fleet/). Loaded only when a fleet command runs.
import { existsSync, realpathSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../failures/errors';
import { createFleet } from '../fleet/create-fleet';
import type { FleetDependencies } from '../fleet/fleet-dependencies';
import { nodeFleetFolder } from '../fleet/fleet-folder';
import { parseFingerprint, parseInvitationCode, parseMemberId, shownFingerprint } from '../fleet/fleet-identity';
import { listMembers, removeMember } from '../fleet/fleet-members';
import { inviteMember } from '../fleet/invitations';
import { joinFleet } from '../fleet/join-fleet';
import { mappedDriveRefusal } from '../fleet/mapped-drive';
import { memberStatus } from '../fleet/member-status';
import { openPublisher } from '../fleet/publisher-keys';
import { publishFleet } from '../fleet/publish-fleet';
import { readMemberships } from '../fleet/local-records';
import { printable } from '../text/printable';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { membersLines, pointerJson, pointerLines, statusLines, syncLines } from './fleet-lines';
import { text } from './options';
import { secretFromStdin } from './secret-option';
import { assignAction, pointerAction, rotateKeyAction } from './fleet-keys-actions';

export const actions = [
  'create',
  'invite',
  'join',
  'members',
  'publish',
  'remove-member',
  'sync',
  'status',
  'rotate-key',
  'assign',
  'pointer',
  'report',
] as const;
type Action = (typeof actions)[number];
const usageLine =
  'usage : fleet create DOSSIER | invite DOSSIER | join DOSSIER --publisher EMPREINTE | members DOSSIER | publish DOSSIER | remove-member DOSSIER ID | assign DOSSIER --account NOM --member ID… | rotate-key DOSSIER --root-key-file FICHIER --passphrase-stdin | pointer DOSSIER FICHIER | report DOSSIER [--csv FICHIER] [--html FICHIER] [--notify] | sync | status';

/** Which options each action takes: anything else is refused, not ignored. */
export const actionOptions: Readonly<Record<Action, readonly string[]>> = {
  create: ['root-key-file', 'passphrase-stdin'],
  invite: [],
  join: ['publisher', 'code-stdin'],
  members: [],
  publish: ['accept', 'name'],
  'remove-member': [],
  sync: [],
  status: [],
  'rotate-key': ['root-key-file', 'passphrase-stdin', 'add-publisher'],
  assign: ['account', 'member', 'all-members'],
  pointer: [],
  report: ['csv', 'html', 'notify'],
};

/**
 * The folder as given, absolute. On Windows a mapped drive is refused with its UNC path
 * (mapped-drive.ts; what Windows reports is read with realpath.native): not verified here.
 */
function folderPath(typed: string | undefined, platform: NodeJS.Platform): string {
  if (typed === undefined || typed.trim() === '')
    throw new AppError(
      'INVALID_INPUT',
      `${usageLine} : indiquez le dossier partagé (\\\\serveur\\partage\\chorus, ou un dossier local)`,
    );
  const path = platform === 'win32' && typed.startsWith('\\\\') ? typed : resolve(typed);
  if (platform === 'win32' && existsSync(path)) {
    const refusal = mappedDriveRefusal(typed, realpathSync.native(path));
    if (refusal !== undefined) throw new AppError('INVALID_INPUT', refusal);
  }
  return path;
}

function fleetOf(context: CommandContext, folder: string): FleetDependencies {
  const { services, environment, userDataDir } = context;
  // A command-line process: nothing else waits while a file is read (the report reads a thousand).
  return {
    folder: nodeFleetFolder(folder, { blockingReads: true }),
    secrets: services.secrets,
    clock: environment.clock,
    logger: services.logger,
    userDataDir,
  };
}

const declaredUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'inconnu';
  }
};

export async function runFleet(context: CommandContext): Promise<CommandResult> {
  const [word, folderWord, idWord] = context.positionals;
  const action = actions.find((candidate) => candidate === word);
  if (action === undefined) throw new AppError('INVALID_INPUT', usageLine);
  const misplaced = Object.keys(context.options).find(
    (option) => !['user-data-dir', 'json', 'help', ...actionOptions[action]].includes(option),
  );
  if (misplaced !== undefined)
    throw new AppError('INVALID_INPUT', `l'option --${misplaced} ne s'emploie pas avec fleet ${action}`);
  const platform = context.environment.platform ?? process.platform;
  const accounts = () => context.services.workstation.accounts.list();
  if (action === 'sync' || action === 'status') {
    if (folderWord !== undefined)
      throw new AppError(
        'INVALID_INPUT',
        `fleet ${action} lit le dossier de chaque parc rejoint : il ne prend pas de dossier`,
      );
    if (action === 'status') {
      const statuses = await memberStatus(context.services.secrets, context.userDataDir, accounts());
      return { json: { fleets: statuses }, lines: statusLines(statuses) };
    }
    // The machine's pointer first: `fleet sync` joins the fleet it names, as the start and the daily check do.
    const pointer = await context.services.followMachineFleet();
    if (readMemberships(context.userDataDir).length === 0) {
      if (pointer.kind === 'refused' || pointer.kind === 'failed')
        throw new AppError('FLEET_NOT_MEMBER', pointerLines(pointer).join(' '));
      throw new AppError('FLEET_NOT_MEMBER');
    }
    const results = await context.services.syncFleets();
    const machineFleet = pointerJson(pointer);
    return {
      json: {
        fleets: results.map((result) => ({
          fingerprint: shownFingerprint(result.fingerprint),
          memberId: result.memberId,
          folder: result.folder,
          ...result.outcome,
          ignored: result.ignored.toJson(),
        })),
        ...(machineFleet ? { machineFleet } : {}),
      },
      lines: [...pointerLines(pointer), ...syncLines(results)],
      failed: results.some((result) => result.outcome.kind === 'failed'),
    };
  }
  if (action !== 'remove-member' && action !== 'pointer' && idWord !== undefined)
    throw new AppError('INVALID_INPUT', `argument inattendu après fleet ${action} DOSSIER`);
  const fleet = fleetOf(context, folderPath(folderWord, platform));
  switch (action) {
    case 'create': {
      const rootKeyFile = text(context.options, 'root-key-file');
      if (rootKeyFile === undefined)
        throw new AppError(
          'INVALID_INPUT',
          'fleet create attend --root-key-file FICHIER : le fichier de la clé racine, à garder au coffre (sur une clé USB, pas sur le partage)',
        );
      const passphrase = await secretFromStdin(context, 'passphrase-stdin', 'Phrase secrète de la clé racine du parc');
      const created = await createFleet(fleet, resolve(rootKeyFile), passphrase);
      return {
        json: { fingerprint: created.fingerprint, folder: created.folder },
        lines: [
          `Parc de postes créé dans ${printable(created.folder)}.`,
          `Empreinte du parc : ${created.fingerprint}`,
          `  Chaque poste la donne pour rejoindre le parc : fleet join ${printable(created.folder)} --publisher ${created.fingerprint}`,
          `Clé racine écrite dans ${printable(created.rootKeyFile)}, chiffrée par la phrase secrète : gardez ce fichier au coffre, hors du partage, et la phrase secrète à part.`,
          'Les clés de publication sont dans le coffre-fort de cet utilisateur : publiez depuis ce poste et cette session.',
        ],
      };
    }
    case 'invite': {
      const invitation = await inviteMember(fleet, await openPublisher(fleet));
      return {
        json: { code: invitation.code, expiresAt: invitation.expiresAt },
        lines: [
          `Code d'invitation : ${invitation.code} (un seul poste, valable jusqu'au ${new Date(invitation.expiresAt).toLocaleString('fr-FR')})`,
          'Sur le poste à ajouter : fleet join DOSSIER --publisher EMPREINTE --code-stdin, puis tapez le code ; il sera accepté à la prochaine publication (fleet publish DOSSIER).',
        ],
      };
    }
    case 'join': {
      const publisher = text(context.options, 'publisher');
      if (publisher === undefined)
        throw new AppError(
          'INVALID_INPUT',
          "fleet join attend --publisher EMPREINTE : l'empreinte du parc que le service informatique vous a donnée",
        );
      const fingerprint = parseFingerprint(publisher);
      const code =
        context.options['code-stdin'] === true
          ? parseInvitationCode(await secretFromStdin(context, 'code-stdin', "Code d'invitation du parc"))
          : undefined;
      const joined = await joinFleet(fleet, {
        fingerprint,
        ...(code !== undefined ? { code } : {}),
        machine: hostname(),
        user: declaredUser(),
        accounts: accounts(),
      });
      return {
        json: { ...joined },
        lines: [
          `Demande d'adhésion déposée : poste ${joined.memberId}, parc ${joined.fingerprint}.`,
          `Phrase de ce poste : ${joined.phrase}`,
          joined.acceptance === 'code'
            ? 'Code accepté : ce poste recevra les comptes à la prochaine publication du service informatique (puis fleet sync, ou la vérification quotidienne).'
            : `Sans code, le service informatique doit comparer cette phrase avec celle que liste fleet members, puis accepter ce poste (fleet publish DOSSIER --accept ${joined.memberId}).`,
        ],
      };
    }
    case 'members': {
      const list = await listMembers(fleet);
      return {
        json: {
          members: list.members,
          samePhrase: list.samePhrase,
          assignments: list.assignments,
          ignored: list.ignored.toJson(),
        },
        lines: membersLines(list),
      };
    }
    case 'publish': {
      const accept = text(context.options, 'accept');
      const published = await publishFleet(fleet, {
        accounts: accounts(),
        ...(accept !== undefined ? { accept: parseMemberId(accept) } : {}),
        ...(context.options.name !== undefined ? { name: text(context.options, 'name') ?? '' } : {}),
      });
      return {
        json: {
          revision: published.revision,
          members: published.members,
          accounts: published.accounts,
          boxes: published.boxes,
          acceptedNow: published.acceptedNow,
          pending: published.pending,
          warnings: published.warnings,
          ignored: published.ignored.toJson(),
        },
        lines: [
          `Révision ${published.revision} publiée : ${published.accounts} compte(s) chiffré(s) pour ${published.members} poste(s)` +
            (published.boxes > 1
              ? `, en ${published.boxes} groupes de postes (comptes réservés : fleet members DOSSIER)`
              : '') +
            '.',
          ...published.acceptedNow.map((id) => `  Poste ${id} accepté.`),
          ...(published.pending.length === 0
            ? []
            : [
                `  ${published.pending.length} poste(s) en attente d'acceptation : fleet members DOSSIER pour comparer leurs phrases.`,
              ]),
          ...published.warnings,
          ...(published.ignored.line() === undefined ? [] : [published.ignored.line() ?? '']),
        ],
      };
    }
    case 'rotate-key':
      return rotateKeyAction(context, fleet);
    case 'assign':
      return assignAction(context, fleet);
    case 'pointer':
      return pointerAction(fleet, idWord);
    case 'report':
      return (await import('./fleet-report-action')).reportAction(context, fleet);
    case 'remove-member': {
      if (idWord === undefined)
        throw new AppError(
          'INVALID_INPUT',
          'fleet remove-member DOSSIER ID : indiquez le poste à retirer (fleet members DOSSIER les liste)',
        );
      const removal = await removeMember(fleet, parseMemberId(idWord), accounts());
      return {
        json: { id: removal.id, accounts: removal.accounts },
        lines: [
          `Poste ${removal.id} retiré : il ne pourra pas lire les prochaines révisions. Il garde ce qu'il a déjà reçu :`,
          ...removal.accounts.map(
            (name) =>
              `  « ${printable(name)} » : faites réinitialiser le mot de passe sur le portail Chorus Pro et renouvelez le secret de l'application PISTE, puis enregistrez-les ici (set-password, set-client-secret).`,
          ),
          'Publiez ensuite pour tous les autres postes : fleet publish DOSSIER.',
        ],
      };
    }
  }
}
