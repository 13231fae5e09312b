import { useEffect, useState } from 'react';
import type { Failure } from '../../common/failures';
import type { FleetPark } from '../../common/fleet';
import { frenchTypography as fr } from '../../common/french-typography';
import { FailureText } from './FailureText';
import { formatDay } from './format';

type Reading =
  | { readonly kind: 'first-reading' }
  | { readonly kind: 'reading'; readonly fleets: readonly FleetPark[] }
  | { readonly kind: 'read'; readonly fleets: readonly FleetPark[] }
  | { readonly kind: 'failed'; readonly failure: Pick<Failure, 'message' | 'details'> };

const levelWords = { ok: 'OK', warning: 'À faire', critical: 'Urgent' } as const;
const severityClass = ['park-ok', 'park-warning', 'park-critical'] as const;

/** One fleet this user publishes: the last publication, what needs doing, who waits, the table. */
function Park({ park }: { readonly park: Extract<FleetPark, { ok: true }> }) {
  const [head, severity, ...rest] = park.summary;
  return (
    <div className="park">
      <p className="hint">
        {fr(
          `${head ?? ''}${park.latestPublishedAt ? ` Publiée le ${formatDay(park.latestPublishedAt)}.` : ''} Dossier : `,
        )}
        {park.folder}
      </p>
      <p role="status" className={`park-severity ${severityClass[park.severity]}`}>
        {fr(severity ?? '')}
      </p>
      {rest.length > 0 && (
        <ul className="park-warnings">
          {rest.map((line, index) => (
            // Two identical warnings stay two lines: the place is the key.
            <li key={index}>{fr(line)}</li>
          ))}
        </ul>
      )}
      {park.pending.length > 0 && (
        <>
          <p>
            <strong>Postes en attente d'acceptation</strong>
          </p>
          <p className="hint">
            {fr(
              'Comparez la phrase avec celle que le poste affiche, puis acceptez-le : fleet publish DOSSIER --accept ID.',
            )}
          </p>
          <ul>
            {park.pending.map((member) => (
              <li key={member.id}>
                {member.machine} ({member.user}) — <code>{member.id}</code> — {fr('phrase : ')}
                <strong className="phrase">{member.phrase}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="table-scroll">
        <table className="park-table">
          <caption>Chaque poste et chaque compte, d'après l'état que le poste a déposé</caption>
          <thead>
            <tr>
              <th scope="col">Poste</th>
              <th scope="col">Compte</th>
              <th scope="col">Niveau</th>
              <th scope="col">État</th>
              <th scope="col">Dernière vérification</th>
              <th scope="col">Révision</th>
            </tr>
          </thead>
          <tbody>
            {park.rows.map((row) => (
              <tr key={`${row.memberId}\n${row.account}`} className={`park-${row.level}`}>
                <td>
                  {row.workstation}
                  <br />
                  <small>{row.memberId}</small>
                </td>
                <td>{row.account}</td>
                <td className="park-level">{levelWords[row.level]}</td>
                <td>{fr(row.state)}</td>
                <td>{fr(row.lastCheck)}</td>
                <td>{row.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * « Parc de postes », for the IT person on the workstation that publishes a fleet (issue 32): the
 * report of each fleet this user publishes, read from the shared folder when the section is shown
 * and on « Actualiser ». Nothing at all on a workstation that publishes none.
 */
export function FleetParkSection() {
  const [reading, setReading] = useState<Reading>({ kind: 'first-reading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setReading((before) => (before.kind === 'read' ? { kind: 'reading', fleets: before.fleets } : before));
    void window.chorus.getFleetParks().then((answer) => {
      if (!current) return;
      setReading(answer.ok ? { kind: 'read', fleets: answer.fleets } : { kind: 'failed', failure: answer });
    });
    return () => {
      current = false;
    };
  }, [round]);
  // Until the first answer, and for a workstation that publishes no fleet: nothing (most users never publish).
  if (reading.kind === 'first-reading' || (reading.kind === 'read' && reading.fleets.length === 0)) return null;
  return (
    <fieldset className="fleet-park" aria-busy={reading.kind === 'reading'}>
      <legend>Parc de postes</legend>
      {reading.kind === 'reading' && <p className="hint">Lecture du dossier partagé du parc…</p>}
      {reading.kind === 'failed' && (
        <div role="alert" className="error">
          <FailureText failure={reading.failure} />
        </div>
      )}
      {(reading.kind === 'read' || reading.kind === 'reading') &&
        reading.fleets.map((park) =>
          park.ok ? (
            <Park key={park.fingerprint} park={park} />
          ) : (
            <div key={park.fingerprint} role="alert" className="error">
              <p>{fr(`Parc ${park.fingerprint}, dossier ${park.folder} :`)}</p>
              <FailureText failure={park} />
            </div>
          ),
        )}
      <div className="actions">
        <button type="button" disabled={reading.kind === 'reading'} onClick={() => setRound((count) => count + 1)}>
          Actualiser
        </button>
      </div>
    </fieldset>
  );
}
