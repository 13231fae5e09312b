import { useEffect, useState } from 'react';
import type { ChorusStructure } from '../../common/connection';
import type { Failure } from '../../common/failures';
import { ModalDialog } from './ModalDialog';
import { frenchTypography as fr } from '../../common/french-typography';
import { FailureText } from './FailureText';
import { LazyDetails } from './LazyDetails';

/** « 3 structures », « 1 service »: as the screen counts them. */
const counted = (count: number, word: string): string => fr(`${count} ${word}${count > 1 ? 's' : ''}`);

type Listing =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly structures: readonly ChorusStructure[] }
  | { readonly kind: 'failed'; readonly failure: Failure };

/** "Structures définies dans Chorus Pro": every structure the technical account is attached to. */
export function StructuresDialog({ onClose }: { readonly onClose: () => void }) {
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setListing({ kind: 'loading' });
    void window.chorus.listStructures().then((answer) => {
      if (current)
        setListing(answer.ok ? { kind: 'loaded', structures: answer.structures } : { kind: 'failed', failure: answer });
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  const close = () => {
    if (listing.kind === 'loading') void window.chorus.cancelConnectionOperation();
    onClose();
  };

  return (
    <ModalDialog title="Structures définies dans Chorus Pro" onCancel={close} className="structures">
      <div role="status">
        {listing.kind === 'loading' && (
          <p className="progress">
            <span className="spinner" aria-hidden="true" /> Chargement des structures…
          </p>
        )}
        {listing.kind === 'loaded' && listing.structures.length === 0 && (
          <p>
            {fr(
              "Aucune structure n'est rattachée à ce compte technique : aucune facture ne peut être échangée. Demandez au gestionnaire principal de l'y rattacher, sur le portail Chorus Pro.",
            )}
          </p>
        )}
      </div>
      {listing.kind === 'failed' && (
        <div role="alert" className="failure">
          <FailureText failure={listing.failure} />
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            Réessayer
          </button>
        </div>
      )}
      {listing.kind === 'loaded' && listing.structures.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{counted(listing.structures.length, 'structure')}</caption>
            <thead>
              <tr>
                <th scope="col">Désignation</th>
                <th scope="col">Numéro</th>
                <th scope="col">Statut</th>
                <th scope="col">Rôle</th>
                <th scope="col">Services</th>
              </tr>
            </thead>
            <tbody>
              {listing.structures.map((structure) => (
                <tr key={structure.id}>
                  <td>{structure.designation}</td>
                  <td>
                    {structure.identifier} <span className="detail">({structure.identifierType})</span>
                  </td>
                  <td>{structure.status}</td>
                  <td>{structure.role}</td>
                  <td>
                    {structure.services.length === 0 ? (
                      'Aucun'
                    ) : (
                      <LazyDetails summary={counted(structure.services.length, 'service')}>
                        <ul>
                          {structure.services.map((service) => (
                            <li key={service.code}>
                              {service.code} — {service.label}
                              {!service.active && <span className="detail"> (inactif)</span>}
                            </li>
                          ))}
                        </ul>
                      </LazyDetails>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions end">
        <button type="button" onClick={close} autoFocus>
          Fermer
        </button>
      </div>
    </ModalDialog>
  );
}
