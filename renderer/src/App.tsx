import { useEffect, useState } from 'react';
import type { Failure, SettingsSnapshot } from '../../preload/contract';
import { ConfigurationScreen } from './ConfigurationScreen';

/** Loads the configuration from the main process, then shows the screen. */
export function App() {
  const [snapshot, setSnapshot] = useState<SettingsSnapshot>();
  const [failure, setFailure] = useState<Failure>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void window.chorus.getSettings().then((answer) => {
      if (answer.ok) {
        setSnapshot(answer);
        setFailure(undefined);
      } else setFailure(answer);
    });
  }, [attempt]);

  return (
    <main>
      <h1>Configuration des échanges Chorus Pro</h1>
      {failure && (
        <div role="alert" className="failure">
          <p>{failure.message}</p>
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            Réessayer
          </button>
        </div>
      )}
      {!snapshot && !failure && <p role="status">Chargement de la configuration…</p>}
      {snapshot && <ConfigurationScreen initial={snapshot} />}
    </main>
  );
}
