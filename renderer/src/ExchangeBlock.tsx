import { useEffect, useState, type SyntheticEvent } from 'react';
import type { DestinationView, ExchangeView } from '../../common/exchange';
import type { Outcome } from '../../common/failures';
import { clipboardClearSeconds } from '../../common/exchange';
import { frenchTypography as fr } from '../../common/french-typography';
import { formatDay } from './format';

const kindWords: Readonly<Record<DestinationView['kind'], string>> = {
  manual: 'à reporter à la main',
  script: 'script du poste',
  server: 'serveur',
};

function stateText(destination: DestinationView): string {
  const at = destination.at ? ` le ${formatDay(destination.at)}` : '';
  if (destination.state === 'done') return `à jour${at}`;
  if (destination.state === 'failed') return `en échec${at}`;
  if (destination.state === 'todo') return 'à faire';
  return 'sera mis à jour au prochain mot de passe accepté par Chorus Pro';
}

/**
 * « Logiciel d'échanges »: the places that keep their own copy of this account's password. After
 * a renewal, each manual line is « à faire » with « Copier le mot de passe » (the main process
 * writes the clipboard: the page never sees the password) and « Fait »; script and server
 * destinations (machine policy) show their result, and « Transmettre à nouveau » retries them.
 */
export function ExchangeBlock({ revision }: { readonly revision: number }) {
  const [view, setView] = useState<ExchangeView>();
  const [newName, setNewName] = useState('');
  const [said, setSaid] = useState('');
  const [failure, setFailure] = useState('');
  const [pushing, setPushing] = useState(false);

  useEffect(() => {
    // A renewal or a test since: what was said of the earlier state no longer holds.
    setSaid('');
    setFailure('');
    void window.chorus.getExchange().then((answer) => {
      if (answer.ok) setView(answer);
    });
  }, [revision]);

  const act = async (call: () => Promise<Outcome<ExchangeView>>, done?: string): Promise<boolean> => {
    setFailure('');
    setSaid('');
    const answer = await call();
    if (!answer.ok) {
      setFailure(answer.message);
      return false;
    }
    setView(answer);
    if (done) setSaid(done);
    return true;
  };
  const copy = async (name: string) => {
    setFailure('');
    const answer = await window.chorus.copyPasswordForDestination({ name });
    if (answer.ok)
      setSaid(
        fr(
          `Mot de passe copié pour « ${name} » : collez-le dans ce logiciel ; il sera effacé du presse-papiers dans ${clipboardClearSeconds} s.`,
        ),
      );
    else setFailure(answer.message);
  };
  const add = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (
      newName.trim() &&
      (await act(() => window.chorus.addManualDestination({ name: newName }), 'Destination ajoutée.'))
    )
      setNewName('');
  };
  const retry = async () => {
    setPushing(true);
    await act(
      () => window.chorus.pushExchange(),
      fr('Transmission terminée : voyez le résultat de chaque destination.'),
    );
    setPushing(false);
  };

  const destinations = view?.destinations ?? [];
  const toDo = destinations.some((destination) => destination.kind === 'manual' && destination.state === 'todo');
  const retryable = destinations.some(
    (destination) => destination.kind !== 'manual' && (destination.state === 'failed' || destination.state === 'todo'),
  );
  return (
    <fieldset className="exchange">
      <legend>Logiciel d'échanges</legend>
      <p className="hint" id="exchange-hint">
        {fr(
          'Les logiciels qui gardent leur propre copie du mot de passe (logiciel financier, tiers de télétransmission) : après chaque renouvellement accepté par Chorus Pro, reportez-le dans chacun.',
        )}
      </p>
      {view?.policyRefusal && (
        <p className="warning">
          {fr(`La stratégie de la machine est illisible : ${view.policyRefusal}. Prévenez le service informatique.`)}
        </p>
      )}
      {view?.pushedElsewhere && (
        <p className="hint">
          {fr('Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.')}
        </p>
      )}
      {toDo && (
        <p className="notice">
          {fr(
            'Nouveau mot de passe accepté par Chorus Pro : reportez-le dans chaque destination « à faire », puis cliquez « Fait ».',
          )}
        </p>
      )}
      {destinations.length > 0 && (
        <ul className="destinations" aria-label="Destinations du mot de passe">
          {destinations.map((destination) => (
            <li key={`${destination.kind}:${destination.name}`} className={`destination ${destination.state}`}>
              <span className="destination-name" id={`destination-${destination.kind}-${destination.name}`}>
                {destination.name}
              </span>{' '}
              ({kindWords[destination.kind]}){fr(' : ')}
              <strong>{stateText(destination)}</strong>
              {destination.message && <span className="destination-detail"> — {destination.message}</span>}
              {destination.kind === 'manual' && (
                <span className="destination-actions">
                  {destination.state !== 'waiting' && (
                    <button
                      type="button"
                      aria-describedby={`destination-${destination.kind}-${destination.name}`}
                      onClick={() => void copy(destination.name)}
                    >
                      Copier le mot de passe
                    </button>
                  )}
                  {destination.state === 'todo' && (
                    <button
                      type="button"
                      aria-describedby={`destination-${destination.kind}-${destination.name}`}
                      onClick={() => void act(() => window.chorus.confirmManualDestination({ name: destination.name }))}
                    >
                      Fait
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={fr(`Retirer « ${destination.name} »`)}
                    onClick={() => void act(() => window.chorus.removeManualDestination({ name: destination.name }))}
                  >
                    Retirer
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {retryable && (
        <div className="actions">
          <button type="button" disabled={pushing} onClick={() => void retry()}>
            Transmettre à nouveau
          </button>
        </div>
      )}
      <form onSubmit={(event) => void add(event)}>
        <label htmlFor="newDestination">Destination à reporter à la main</label>
        <div className="inline">
          <input
            id="newDestination"
            type="text"
            maxLength={80}
            placeholder="Civil Net Finances — base 2026"
            value={newName}
            onChange={(event) => setNewName(event.target.value)}
          />
          <button type="submit" disabled={!newName.trim()}>
            Ajouter la destination
          </button>
        </div>
      </form>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={view?.allowPrograms === true && !view.programsForbidden}
          disabled={!view || view.programsForbidden !== undefined}
          aria-describedby="programs-hint"
          onChange={(event) => void act(() => window.chorus.setAllowPrograms({ allowed: event.target.checked }))}
        />
        Autoriser les scripts de ce poste à utiliser ce compte
      </label>
      <p className="hint" id="programs-hint">
        {view?.programsForbidden
          ? fr(`Impossible sur ce poste : ${view.programsForbidden}.`)
          : fr(
              'Pour les scripts de votre service informatique (headers, credentials) ; chaque remise est notée dans le journal.',
            )}
      </p>
      {failure && (
        <div role="alert" className="failure">
          <p>{failure}</p>
        </div>
      )}
      <p role="status" className="hint">
        {said}
      </p>
    </fieldset>
  );
}
