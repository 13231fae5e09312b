import { useState } from 'react';
import type { SettingsSnapshot } from '../../common/accounts';
import { frenchTypography as fr } from '../../common/french-typography';
import { MachineProfileRefusal } from './MachineProfileRefusal';
import { MachineProfileSecrets } from './MachineProfileSecrets';
import type { Configuration } from './useConfiguration';

/** What the screen says above the connection before anything else: the keychain, the machine profile, a recovered file. */
export function ScreenNotices({
  snapshot,
  configuration,
}: {
  readonly snapshot: SettingsSnapshot;
  readonly configuration: Configuration;
}) {
  const [recoveryNoticeSeen, setRecoveryNoticeSeen] = useState(false);
  return (
    <>
      {snapshot.keychainUnavailable && (
        <div role="alert" className="warning notice">
          <p>
            {fr(
              "Rouvrez votre session ou déverrouillez le coffre-fort, puis relancez l'application : il est inaccessible, aucun mot de passe ne peut être lu ni enregistré. Les paramètres restent modifiables.",
            )}
          </p>
        </div>
      )}
      {snapshot.machineProfileRefusal !== undefined && (
        <MachineProfileRefusal message={snapshot.machineProfileRefusal} />
      )}
      {snapshot.machineProfileSecretsPending && <MachineProfileSecrets configuration={configuration} />}
      {snapshot.recoveredFrom && !recoveryNoticeSeen && (
        <div role="alert" className="warning notice">
          <p>
            {fr(
              `Vérifiez la configuration ci-dessous : le fichier de paramètres était illisible, il a été conservé sous « ${snapshot.recoveredFrom} » et les paramètres par défaut ont été repris.`,
            )}
          </p>
          <button type="button" onClick={() => setRecoveryNoticeSeen(true)}>
            J'ai compris
          </button>
        </div>
      )}
    </>
  );
}
