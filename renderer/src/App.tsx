import { useEffect, useState } from 'react';
import type { AppInfo } from '../../common/app';
import type { Failure } from '../../common/failures';
import type { SettingsSnapshot } from '../../common/accounts';
import { ConfigurationScreen } from './ConfigurationScreen';
import { FailureText } from './FailureText';

/** Loads the configuration from the main process, then shows the screen. */
export function App() {
  const [snapshot, setSnapshot] = useState<SettingsSnapshot>();
  const [failure, setFailure] = useState<Failure>();
  const [attempt, setAttempt] = useState(0);
  const [appInfo, setAppInfo] = useState<AppInfo>();
  // A new screen for each account shown: nothing typed, tested or unlocked carries over.
  const [shownAccount, setShownAccount] = useState(0);

  useEffect(() => {
    void window.chorus.getAppInfo().then((answer) => {
      if (answer.ok) setAppInfo(answer);
    });
  }, []);

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
          <FailureText failure={failure} />
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            Réessayer
          </button>
        </div>
      )}
      {!snapshot && !failure && <p role="status">Chargement de la configuration…</p>}
      {snapshot && (
        <ConfigurationScreen
          key={shownAccount}
          initial={snapshot}
          appInfo={appInfo}
          // After a switch, keyboard users keep their place: on the account list.
          focusAccounts={shownAccount > 0}
          onAccountSwitched={(next) => {
            setSnapshot(next);
            setShownAccount((count) => count + 1);
          }}
        />
      )}
      {appInfo && (
        <footer>
          {appInfo.name} — version <span data-testid="app-version">{appInfo.version}</span>
        </footer>
      )}
    </main>
  );
}
