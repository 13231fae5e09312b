import { useEffect, useState } from 'react';
import type { AppInfo } from '../../common/app';
import type { Failure } from '../../common/failures';
import type { PasswordRenewal } from '../../common/password-renewal';
import type { SettingsSnapshot } from '../../common/accounts';
import { AdvancedSettings } from './AdvancedSettings';
import { AccountBar } from './AccountBar';
import { ConnectionBlock } from './ConnectionBlock';
import { FleetLine } from './FleetLine';
import { ExchangeBlock } from './ExchangeBlock';
import { formatDay } from './format';
import { connectionKey, type TestState } from './connectionTest';
import { PasswordBlock } from './PasswordBlock';
import { PasswordModal } from './PasswordModal';
import { ReminderBanner } from './ReminderBanner';
import { ScreenNotices } from './ScreenNotices';
import { StructuresDialog } from './StructuresDialog';
import { SupportSection } from './SupportSection';
import { useConfiguration } from './useConfiguration';
import { useFleetView } from './useFleetView';

/**
 * Where the focus goes when the screen opens (issue 35): the next step. A refused or expired
 * password: « Mot de passe »; a renewal due: the reminder's button; no login yet: the login; else
 * « Test de connexion ».
 */
function openingFocus(snapshot: SettingsSnapshot): string {
  const { reminder } = snapshot;
  if (snapshot.lastFailure?.field === 'password' || (reminder.known && reminder.expired)) return 'password';
  if (reminder.known && reminder.due) return 'reminder-renew';
  if (!snapshot.settings.login) return 'login';
  if (snapshot.secrets.password === false) return 'password';
  return 'connection-test';
}

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
  const [typedDay, setTypedDay] = useState<string>();
  // Read again after each renewal and test, and a fleet update: the copies of the password follow them.
  const [exchangeRevision, setExchangeRevision] = useState(0);
  const exchangeChanged = () => setExchangeRevision((revision) => revision + 1);
  // A day typed for an earlier, unverified password that the new one's date replaced: said, never silent.
  const [dateNotice, setDateNotice] = useState<string>();
  const noteReplacedDay = (renewal: PasswordRenewal) =>
    setDateNotice(
      renewal.replacedDay
        ? `La date saisie auparavant (${formatDay(renewal.replacedDay)}) valait pour le mot de passe précédent : le nouveau est daté du ${formatDay(renewal.updatedAt)}.`
        : undefined,
    );
  // A new password checked and stored: where it was typed, and when (« Nouveau mot de passe vérifié et enregistré le … »).
  const [renewed, setRenewed] = useState<{ readonly on: string; readonly where: 'connection' | 'modal' }>();
  // The control the screen moves the focus to once it is drawn (issue 35: the one way on).
  const [focusTarget, setFocusTarget] = useState<{ readonly id: string }>(() => ({
    id: focusAccounts ? 'account' : openingFocus(initial),
  }));

  // Nothing typed is lost: a secret not yet saved, or a change being saved, holds the window open.
  const unsaved = passwordDraft !== '' || secretsTyped.size > 0 || Object.keys(drafts).length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const guard = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [unsaved]);

  const onScreen = connectionKey(snapshot.settings);
  const connectionEdited =
    ['apiBaseUrl', 'tokenUrl', 'login', 'clientId'].some((field) => field in drafts) || passwordDraft !== '';
  const canRenew = test.kind === 'succeeded' && test.testedFor === onScreen && !connectionEdited;
  // The failure on screen: the test's just run, or, until a new one, the last test's (the daily check's).
  const shownFailure = test.kind === 'failed' ? test.failure : test.kind === 'idle' ? snapshot.lastFailure : undefined;
  const passwordRefused = shownFailure?.code === 'AUTH_REJECTED';
  const elsewhere = shownFailure?.field !== undefined && shownFailure.field !== 'password' ? shownFailure : undefined;

  useEffect(() => document.getElementById(focusTarget.id)?.focus(), [focusTarget]);
  /** A failed test: the test button keeps the focus, unless the failure names a field (its message stands there). */
  const fail = (failure: Failure, from: 'button' | 'banner') => {
    setTest({ kind: 'failed', failure });
    if (failure.field !== undefined) setFocusTarget({ id: failure.field });
    else if (from === 'banner') setFocusTarget({ id: 'connection-failure' });
  };

  // The main process says when the renewal falls due (at start, then daily): show it at once.
  useEffect(() => window.chorus.onPasswordReminder(() => void refresh(() => window.chorus.getSettings())), [refresh]);
  // A fleet publication applied (or this user joined): the settings and destinations read again.
  const fleetUpdated = () => void refresh(() => window.chorus.getSettings()).then(exchangeChanged);
  useEffect(() => window.chorus.onFleetUpdated(fleetUpdated), [refresh]);
  const fleet = useFleetView(snapshot);
  const managedByFleet = fleet.managed !== undefined;

  /** Runs the connection test; true when it succeeded. */
  const runTest = async (confirmed: boolean, from: 'button' | 'banner' = 'button'): Promise<boolean> => {
    if (renewed?.where === 'connection') setRenewed(undefined);
    if (!(await flush())) {
      fail(
        {
          ok: false,
          code: 'INVALID_INPUT',
          message: 'Corrigez les champs signalés, puis réessayez : ils ne sont pas enregistrés.',
        },
        from,
      );
      return false;
    }
    setTest({ kind: 'running' });
    if (passwordDraft) {
      // A password typed here (after a reset in the portal) is checked, stored and dated at once.
      const renewal = await window.chorus.renewPassword({
        password: passwordDraft,
        verify: true,
        surroundingSpacesConfirmed: confirmed,
      });
      // The stored password typed again: nothing to renew, the test checks it as it is.
      if (!renewal.ok && renewal.code !== 'PASSWORD_UNCHANGED') {
        if (renewal.code === 'CONFIRMATION_REQUIRED') setTest({ kind: 'confirm-spaces' });
        else fail(renewal, from);
        return false;
      }
      setPasswordDraft('');
      setSpacesConfirmed(false);
      if (renewal.ok) {
        setRenewed({ on: renewal.updatedAt, where: 'connection' });
        noteReplacedDay(renewal);
      }
    }
    const result = await window.chorus.testConnection();
    // Read after the test: a renewal above dated the password, and the test may have brought
    // Chorus Pro's own expiry date.
    const refreshed = await refresh(() => window.chorus.getSettings());
    exchangeChanged();
    if (!result.ok) {
      fail(result, from);
      return false;
    }
    setTest({
      kind: 'succeeded',
      structureCount: result.structureCount,
      testedFor: refreshed.ok ? connectionKey(refreshed.settings) : onScreen,
    });
    // The verdict is shown at once; Chorus Pro's expiry date, read on after it, when it arrives.
    void window.chorus
      .waitForPasswordExpiry()
      .then((read) => (read.ok ? refresh(() => window.chorus.getSettings()) : undefined));
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
      if (renewal.code === 'CONFIRMATION_REQUIRED') setTest({ kind: 'confirm-spaces' });
      else fail(renewal, 'button');
      return;
    }
    setPasswordDraft('');
    setSpacesConfirmed(false);
    setTypedDay(undefined);
    noteReplacedDay(renewal);
    setTest({ kind: 'idle' });
    await refresh(() => window.chorus.getSettings());
    exchangeChanged();
  };

  /** Nothing typed goes to another account, and nothing typed is lost by switching. */
  const prepareSwitch = async (): Promise<string | undefined> => {
    if (passwordDraft !== '' || secretsTyped.size > 0) {
      return "Enregistrez ou effacez le mot de passe ou le secret saisi avant de changer de compte : il n'est pas encore enregistré.";
    }
    if (!(await flush()))
      return 'Corrigez les champs signalés avant de changer de compte : ils ne sont pas enregistrés.';
    return undefined;
  };

  /**
   * The reminder's button: the original's path, a connection test then the modal; when the stored
   * password no longer works (refused, or expired), « Mot de passe », where the new one goes.
   */
  const startRenewal = async () => {
    if (passwordRefused || (snapshot.reminder.known && snapshot.reminder.expired)) {
      setFocusTarget({ id: 'password' });
      return;
    }
    if (await runTest(spacesConfirmed, 'banner')) setDialog('password');
  };

  return (
    <>
      <AccountBar
        snapshot={snapshot}
        focusOnMount={focusAccounts}
        prepareSwitch={prepareSwitch}
        onSwitched={onAccountSwitched}
        onRenamed={(renamed) => void refresh(() => Promise.resolve({ ...renamed, ok: true as const }))}
      />
      <FleetLine fleet={fleet} />
      <ReminderBanner
        reminder={snapshot.reminder}
        passwordStored={snapshot.secrets.password === true}
        managedByFleet={managedByFleet}
        onRenew={() => void startRenewal()}
        {...(snapshot.accountCount > 1 ? { accountName: snapshot.account.name } : {})}
      />
      <ScreenNotices snapshot={snapshot} configuration={configuration} />
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
        failure={shownFailure}
        loginFailure={elsewhere?.field === 'login' ? elsewhere.message : undefined}
        renewedOn={renewed?.where === 'connection' ? renewed.on : undefined}
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
        clientIdFailure={elsewhere?.field === 'clientId' ? elsewhere.message : undefined}
        clientSecretFailure={elsewhere?.field === 'clientSecret' ? elsewhere : undefined}
        openNow={elsewhere?.field === 'clientId' || elsewhere?.field === 'clientSecret'}
        onSecretDraft={(field, typing) =>
          setSecretsTyped((current) => {
            const next = new Set(current);
            if (typing) next.add(field);
            else next.delete(field);
            return next;
          })
        }
      />
      <PasswordBlock
        configuration={configuration}
        managedByFleet={managedByFleet}
        canRenew={canRenew}
        passwordRefused={passwordRefused}
        renewedOn={renewed?.where === 'modal' ? renewed.on : undefined}
        onRenew={() => setDialog('password')}
        typedDay={typedDay}
        onTypedDay={setTypedDay}
        dateNotice={dateNotice}
      />
      <ExchangeBlock revision={exchangeRevision} />
      <SupportSection configuration={configuration} appInfo={appInfo} />
      {dialog === 'password' && (
        <PasswordModal
          onAbandon={() => setDialog(undefined)}
          onRenewed={(renewal) => {
            exchangeChanged();
            noteReplacedDay(renewal);
            setDialog(undefined);
            setRenewed({ on: renewal.updatedAt, where: 'modal' });
            // Checked by Chorus Pro: a test now reads the expiry it gives the new password, and
            // records the test, so that the screen never shows an estimate where Chorus Pro has a date.
            if (renewal.verified) void runTest(false);
            else void refresh(() => window.chorus.getSettings());
          }}
        />
      )}
      {dialog === 'structures' && <StructuresDialog onClose={() => setDialog(undefined)} />}
    </>
  );
}
