import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { counted } from '../text/plural';
import type { ForgetPart } from './forget-workstation';

// The fleet's records folder (main/fleet/local-records.ts); its code is loaded only when there is one.
const fleetFolder = (userDataDir: string): string => join(userDataDir, 'flotte');

/**
 * A fleet's keys (member or publisher) in the keychain and its local records under `flotte/`.
 * First of the parts: when a keychain cannot list its entries, the records name them. The shared
 * folder is not touched: removing this workstation from the fleet is the IT person's
 * `fleet remove-member`.
 */
export const fleetRecords: ForgetPart = {
  name: 'fleet',
  describe: ({ userDataDir }) =>
    Promise.resolve(
      existsSync(fleetFolder(userDataDir))
        ? `l'adhésion de ce poste à un parc de postes (ses clés et son dossier ${fleetFolder(userDataDir)}) ; le dossier partagé du parc n'est pas modifié : demandez au service informatique de retirer ce poste (fleet remove-member)`
        : '',
    ),
  forget: async ({ secrets, userDataDir }) => {
    const { forgetFleetMembership } = await import('../fleet/local-records');
    const forgotten = await forgetFleetMembership(secrets, userDataDir);
    if (forgotten.keychainEntries === 0 && !forgotten.localRecords)
      return 'Parc de postes : aucune adhésion à effacer.';
    const keys = counted(forgotten.keychainEntries, 'clé effacée', 'clés effacées');
    const andFolder = forgotten.localRecords ? ', et le dossier flotte' : '';
    return `Parc de postes : ${keys} du coffre-fort${andFolder} ; le service informatique retire ce poste du parc avec fleet remove-member.`;
  },
};
