import { useEffect, useState } from 'react';
import type { AppInfo, Failure, SettingsSnapshot } from '../../preload/contract';

type Loaded = { readonly appInfo: AppInfo; readonly snapshot: SettingsSnapshot };

const environmentLabels = {
  production: 'Production',
  qualification: 'Qualification',
  custom: 'Personnalisé',
} as const;

/** A placeholder screen: it proves the bridge end to end until the real screen lands. */
export function App() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<Failure>();

  useEffect(() => {
    void Promise.all([window.chorus.getAppInfo(), window.chorus.getSettings()]).then(([info, settings]) => {
      if (!info.ok) setFailure(info);
      else if (!settings.ok) setFailure(settings);
      else setLoaded({ appInfo: info, snapshot: settings });
    });
  }, []);

  return (
    <main>
      <h1>Configuration des échanges Chorus Pro</h1>
      {failure && <p role="alert">{failure.message}</p>}
      {!loaded && !failure && <p>Chargement…</p>}
      {loaded && (
        <dl aria-label="État de la configuration">
          <dt>Version</dt>
          <dd data-testid="app-version">{loaded.appInfo.version}</dd>
          <dt>Environnement</dt>
          <dd data-testid="environment">{environmentLabels[loaded.snapshot.settings.environment]}</dd>
          <dt>Lien URL</dt>
          <dd data-testid="api-base-url">{loaded.snapshot.settings.apiBaseUrl}</dd>
          <dt>Mot de passe</dt>
          <dd data-testid="password-state">
            {loaded.snapshot.secrets.password ? 'Enregistré dans le coffre-fort Windows' : 'Non enregistré'}
          </dd>
        </dl>
      )}
    </main>
  );
}
