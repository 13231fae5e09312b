// What the client reads in the attachments' answer: the structures, and whether the account is usable.
import type { ChorusStructure } from '../../common/connection';
import { AppError } from '../failures/errors';
import type { AttachmentsAnswer } from './chorus-answers';

export const isActive = (status: string | null | undefined): boolean | undefined =>
  status === null || status === undefined || status.trim() === '' ? undefined : status.trim().toUpperCase() === 'ACTIF';

/**
 * Whether the attachments say the account cannot be used: the user's own status (the same on every
 * entry) not ACTIF, or every attachment not ACTIF when the page holds them all. A status Chorus Pro
 * leaves out proves nothing either way.
 */
export function inactivity(page: AttachmentsAnswer, total: number): string | undefined {
  const entries = page.listeStructureRattachement ?? [];
  const user = entries.map((entry) => entry.statutUtilisateur).find((status) => isActive(status) !== undefined);
  if (user && isActive(user) === false) return `compte technique au statut ${user.trim()}`;
  const attachments = entries.map((entry) => isActive(entry.statutRattachementStructure));
  if (entries.length > 0 && entries.length >= total && attachments.every((active) => active === false)) {
    return entries.length === 1
      ? 'son rattachement à une structure est inactif'
      : `${entries.length} rattachements à une structure, tous inactifs`;
  }
  return undefined;
}

export const attachmentsQuery = (page: number, pageSize: number) => ({
  parametresRecherche: {
    nbResultatsParPage: pageSize,
    pageResultatDemandee: page,
    triColonne: 'IdStructure',
    triSens: 'Descendant',
  },
});

export function chorusRefusal(code: number, libelle: string | null | undefined): AppError {
  return new AppError('CHORUS_ERROR', `Chorus Pro : ${libelle ?? 'motif non précisé'}, code ${code}`);
}

export function toStructure(
  entry: NonNullable<AttachmentsAnswer['listeStructureRattachement']>[number],
): ChorusStructure {
  return {
    id: entry.idStructure,
    designation: entry.designationStructure ?? '',
    identifier: entry.identifiantStructure,
    identifierType: entry.typeIdentifiantStructure ?? '',
    status: entry.statutRattachementStructure ?? '',
    role: entry.roleUtilisateur ?? '',
    services: (entry.listeServicesRattache ?? []).map((service) => ({
      code: service.codeService ?? '',
      label: service.libelleService ?? '',
      active: service.estActif ?? false,
    })),
  };
}
