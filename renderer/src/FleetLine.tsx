import type { FleetView } from '../../common/fleet';
import { formatDay } from './format';

/**
 * The fleet for the account on screen: kept by the IT department (« Géré par le service
 * informatique — révision 7 reçue le 04/12/2026 »); this user waiting to be accepted, with the
 * phrase the IT person compares; the machine's pointer not followed, and why.
 */
export function FleetLine({ fleet }: { readonly fleet: FleetView }) {
  return (
    <>
      {fleet.pointer !== undefined && (
        <div role="alert" className="warning notice">
          <p>{fleet.pointer}</p>
        </div>
      )}
      {fleet.waiting && (
        <div role="status" className="warning notice fleet-waiting">
          <p>
            Ce poste a demandé à rejoindre le parc de postes du service informatique et attend son acceptation.
            Lisez-lui la phrase de ce poste pour qu'il la compare avec celle qu'il voit :{' '}
            <strong className="phrase">
              {fleet.waiting.phrase ?? '(inconnue ici : la commande « fleet status » la donne)'}
            </strong>
          </p>
        </div>
      )}
      {fleet.managed && (
        <p role="status" className="fleet-line">
          Géré par le service informatique — révision {fleet.managed.revision} reçue le{' '}
          {formatDay(fleet.managed.receivedAt)}
        </p>
      )}
    </>
  );
}
