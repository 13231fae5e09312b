import { useEffect, useState } from 'react';
import type { AppInfo, SettingsSnapshot } from '../../preload/contract';
import { AdvancedSettings } from './AdvancedSettings';
import { AccountBar } from './AccountBar';
import { ConnectionBlock } from './ConnectionBlock';
import { FleetLine } from './FleetLine';
import { MachineProfileSecrets } from './MachineProfileSecrets';
import { connectionKey, type TestState } from './connectionTest';
import { PasswordBlock } from './PasswordBlock';
import { PasswordModal } from './PasswordModal';
import { ReminderBanner } from './ReminderBanner';
import { StructuresDialog } from './StructuresDialog';
import { SupportSection } from './SupportSection';
import { useConfiguration } from './useConfiguration';
import { useFleetView } from './useFleetView';

/** The screen: both framed blocks, the modal and the structures dialog, and what links them. */
export function ConfigurationScreen({
  initial,
  appInfo,
  focusAccounts,
  onAccountSwitched,
}: {
  readonly initial: SettingsSnapshot;
  readonly appInfo: AppInfo | undefined;
  readonly focusAccounts: boolean;
  /** Another account is selected: the screen is shown afresh for it, carrying nothing over. */
  readonly onAccountSwitched: (snapshot: SettingsSnapshot) => void;
}) {
  const configuration = useConfiguration(initial);
  const { snapshot, refresh, drafts, flush } = configuration;
  const [passwordDraft, setPasswordDraft] = useState('');
  const [secretsTyped, setSecretsTyped] = useState<ReadonlySet<string>>(new Set());
  const [spacesConfirmed, setSpacesConfirmed] = useState(false);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [dialog, setDialog] = useState<'password' | 'structures'>();
  const [recoveryNoticeSeen, setRecoveryNoticeSeen] = useState(false);
  const [typedDay, setTypedDay] = useState<string>();

  // Nothing typed is lost: a secret not yet saved, or a change being saved, holds the window open.
  const unsaved = passwordDraft !== '' || secretsTyped.size > 0 || Object.keys(drafts).length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const guard = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [unsaved]);

  const onScreen = connectionKey(snapshot.settings);
  const connectionEdited = ['apiBaseUrl', 'tokenUrl', 'login', 'clientId'].some((field) => field in drafts) || passwordDraft !== '';
  const canRenew = test.kind === 'succeeded' && test.testedFor === onScreen && !connectionEdited;

  // The main process says when the renewal falls due (at start, then daily): show it at once.
  useEffect(() => window.chorus.onPasswordReminder(() => void refresh(() => window.chorus.getSettings())), [refresh]);
  // The fleet's start brought a publication (or this user joined): its settings are read again.
  useEffect(() => window.chorus.onFleetUpdated(() => void refresh(() => window.chorus.getSettings())), [refresh]);
  const fleet = useFleetView(snapshot);
  const managedByFleet = fleet.managed !== undefined;

  /** Runs the connection test; true when it succeeded. */
  const runTest = async (confirmed: boolean): Promise<boolean> => {
    if (!(await flush())) {
      setTest({ kind: 'failed', failure: { ok: false, code: 'INVALID_INPUT', message: 'Corrigez les champs signalés : ils ne sont pas enregistrés.' } });
      return false;
    }
    setTest({ kind: 'running' });
    if (passwordDraft) {
      // A password typed here (after a reset in the portal) is checked, stored and dated at once.
      const renewal = await window.chorus.renewPassword({ password: passwordDraft, verify: true, surroundingSpacesConfirmed: confirmed });
      if (!renewal.ok) {
        setTest(renewal.code === 'CONFIRMATION_REQUIRED' ? { kind: 'confirm-spaces' } : { kind: 'failed', failure: renewal });
        return false;
      }
      setPasswordDraft('');
      setSpacesConfirmed(false);
    }
    const result = await window.chorus.testConnection();
    // Read after the test: a renewal above dated the password, and the test may have brought
    // Chorus Pro's own expiry date.
    const refreshed = await refresh(() => window.chorus.getSettings());
    if (!result.ok) {
      setTest({ kind: 'failed', failure: result });
      return false;
    }
    setTest({ kind: 'succeeded', structureCount: result.structureCount, testedFor: refreshed.ok ? connectionKey(refreshed.settings) : onScreen });
    return true;
  };

  /** Offline preparation: the typed password is kept, marked as not verified yet. */
  const saveUnchecked = async () => {
    const renewal = await window.chorus.renewPassword({
      password: passwordDraft,
      verify: false,
      surroundingSpacesConfirmed: spacesConfirmed,
      ...(typedDay ? { communicatedOn: typedDay } : {}),
    });
    if (!renewal.ok) {
      setTest(renewal.code === 'CONFIRMATION_REQUIRED' ? { kind: 'confirm-spaces' } : { kind: 'failed', failure: renewal });
      return;
    }
    setPasswordDraft('');
    setSpacesConfirmed(false);
    setTypedDay(undefined);
    setTest({ kind: 'idle' });
    await refresh(() => window.chorus.getSettings());
  };

  /** Nothing typed goes to another account, and nothing typed is lost by switching. */
  const prepareSwitch = async (): Promise<string | undefined> => {
    if (passwordDraft !== '' || secretsTyped.size > 0) {
      return "Un mot de passe ou un secret saisi n'est pas encore enregistré : enregistrez-le ou effacez-le avant de changer de compte.";
    }
    if (!(await flush())) return 'Corrigez les champs signalés avant de changer de compte : ils ne sont pas enregistrés.';
    return undefined;
  };

  /** The reminder's button: the original's path, a connection test then the modal. */
  const startRenewal = async () => {
    if (snapshot.reminder.known && snapshot.reminder.expired) {
      document.getElementById('password')?.focus();
      return;
    }
    if (await runTest(spacesConfirmed)) setDialog('password');
  };

  return (
    <>
      <AccountBar snapshot={snapshot} focusOnMount={focusAccounts} prepareSwitch={prepareSwitch} onSwitched={onAccountSwitched} onRenamed={(renamed) => void refresh(() => Promise.resolve({ ...renamed, ok: true as const }))} />
      <FleetLine fleet={fleet} />
      <ReminderBanner
        reminder={snapshot.reminder}
        passwordStored={snapshot.secrets.password === true}
        managedByFleet={managedByFleet}
        onRenew={() => void startRenewal()}
        {...(snapshot.accountCount > 1 ? { accountName: snapshot.account.name } : {})}
      />
      {snapshot.keychainUnavailable && (
        <div role="alert" className="warning notice">
          <p>
            Le coffre-fort de mots de passe du système est inaccessible : les paramètres restent modifiables, mais aucun mot de
            passe ne peut être lu ni enregistré. Ouvrez votre session normalement ou déverrouillez le coffre-fort, puis
            relancez l'application.
          </p>
        </div>
      )}
      {snapshot.machineProfileSecretsPending && <MachineProfileSecrets configuration={configuration} />}
      {snapshot.recoveredFrom && !recoveryNoticeSeen && (
        <div role="alert" className="warning notice">
          <p>
            Le fichier de paramètres était illisible : il a été conservé sous « {snapshot.recoveredFrom} » et les paramètres par
            défaut ont été repris. Vérifiez la configuration ci-dessous.
          </p>
          <button type="button" onClick={() => setRecoveryNoticeSeen(true)}>
            J'ai compris
          </button>
        </div>
      )}
      <ConnectionBlock
        configuration={configuration}
        managedByFleet={managedByFleet}
        passwordDraft={passwordDraft}
        onPasswordDraft={(text) => {
          setPasswordDraft(text);
          setSpacesConfirmed(false);
          if (test.kind === 'confirm-spaces') setTest({ kind: 'idle' });
        }}
        test={test}
        onTest={() => void runTest(spacesConfirmed)}
        onCancelTest={() => void window.chorus.cancelConnectionOperation()}
        onConfirmSpaces={() => {
          setSpacesConfirmed(true);
          void runTest(true);
        }}
        onSaveUnchecked={() => void saveUnchecked()}
        onShowStructures={() => setDialog('structures')}
      />
      <AdvancedSettings
        configuration={configuration}
        onSecretDraft={(field, typing) =>
          setSecretsTyped((current) => {
            const next = new Set(current);
            if (typing) next.add(field);
            else next.delete(field);
            return next;
          })
        }
      />
      <PasswordBlock configuration={configuration} managedByFleet={managedByFleet} canRenew={canRenew} onRenew={() => setDialog('password')} typedDay={typedDay} onTypedDay={setTypedDay} />
      <SupportSection configuration={configuration} appInfo={appInfo} />
      {dialog === 'password' && (
        <PasswordModal
          onAbandon={() => setDialog(undefined)}
          onRenewed={() => {
            void refresh(() => window.chorus.getSettings());
            setDialog(undefined);
          }}
        />
      )}
      {dialog === 'structures' && <StructuresDialog onClose={() => setDialog(undefined)} />}
    </>
  );
}
