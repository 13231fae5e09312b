import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../common/app';
import type { ProfileChange } from '../../common/profiles';
import { frenchTypography as fr } from '../../common/french-typography';
import { minPassphraseLength } from '../../common/profiles';
import { AboutDialog } from './AboutDialog';
import { DailyCheckSection } from './DailyCheckSection';
import { FleetParkSection } from './FleetParkSection';
import { PasswordInput } from './PasswordInput';
import { LazyDetails } from './LazyDetails';
import { ProfileImportDialog } from './ProfileImportDialog';

function passphraseProblem(passphrase: string, confirmation: string): string | undefined {
  if (Array.from(passphrase).length < minPassphraseLength)
    return `Phrase secrète : ${minPassphraseLength} caractères au moins. Rien n'a été exporté.`;
  if (passphrase !== confirmation)
    return "Les deux saisies de la phrase secrète diffèrent : saisissez-la à nouveau. Rien n'a été exporté.";
  return undefined;
}
import type { Configuration } from './useConfiguration';

type Open =
  | {
      readonly kind: 'import';
      readonly file: string;
      readonly changes: readonly ProfileChange[];
      readonly withSecrets: boolean;
    }
  | { readonly kind: 'about' };

/** Deployment profiles, the support log and "À propos", for the IT department. */
export function SupportSection({
  configuration,
  appInfo,
}: {
  readonly configuration: Configuration;
  readonly appInfo: AppInfo | undefined;
}) {
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState<Open>();
  const [withSecrets, setWithSecrets] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [exporting, setExporting] = useState(false);
  const [allAccounts, setAllAccounts] = useState(false);
  const accountCount = configuration.snapshot.accountCount;

  const exportProfile = async () => {
    if (withSecrets) {
      const problem = passphraseProblem(passphrase, confirmation);
      if (problem) {
        setMessage(problem);
        return;
      }
    }
    setExporting(true);
    setMessage(withSecrets ? 'Chiffrement des mots de passe en cours…' : '');
    const everyAccount = allAccounts && accountCount > 1;
    const answer = await window.chorus.exportProfile(
      withSecrets || everyAccount
        ? { ...(withSecrets ? { passphrase } : {}), ...(everyAccount ? { allAccounts: true } : {}) }
        : undefined,
    );
    setExporting(false);
    if (!answer.ok) setMessage(answer.message);
    else if (!answer.saved) setMessage('');
    else if (answer.withSecrets) {
      setPassphrase('');
      setConfirmation('');
      const file = answer.file ?? '';
      setMessage(
        `Profil de déploiement exporté, mots de passe chiffrés : ${file}. Transmettez la phrase secrète par un autre moyen que le fichier (de vive voix, par téléphone).`,
      );
    } else setMessage(`Profil de déploiement exporté, sans aucun secret : ${answer.file ?? ''}`);
  };
  const previewImport = async () => {
    const answer = await window.chorus.previewProfileImport();
    if (!answer.ok) setMessage(answer.message);
    else if (answer.chosen)
      setOpen({ kind: 'import', file: answer.file, changes: answer.changes, withSecrets: answer.withSecrets });
  };
  const openLogs = async () => {
    const answer = await window.chorus.openLogFolder();
    setMessage(answer.ok ? `Dossier des journaux : ${answer.folder}` : answer.message);
  };

  // The window's menu carries out the same actions (Fichier, Aide).
  const section = useRef<HTMLDetailsElement>(null);
  const actions = useRef({ exportProfile, previewImport, openLogs });
  actions.current = { exportProfile, previewImport, openLogs };
  useEffect(
    () =>
      window.chorus.onMenuCommand(({ command }) => {
        if (section.current) section.current.open = true;
        if (command === 'export-profile') void actions.current.exportProfile();
        else if (command === 'import-profile') void actions.current.previewImport();
        else if (command === 'open-log-folder') void actions.current.openLogs();
        else setOpen({ kind: 'about' });
      }),
    [],
  );

  return (
    <LazyDetails className="advanced" ref={section} summary="Déploiement et assistance">
      {accountCount > 1 && (
        <label className="checkbox">
          <input type="checkbox" checked={allAccounts} onChange={(event) => setAllAccounts(event.target.checked)} />
          {fr(
            `Exporter tous les comptes techniques (${accountCount}), pas seulement « ${configuration.snapshot.account.name} »`,
          )}
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={withSecrets} onChange={(event) => setWithSecrets(event.target.checked)} />
        Inclure les mots de passe, chiffrés par une phrase secrète
      </label>
      {withSecrets && (
        <div className="grid">
          <label htmlFor="exportPassphrase">Phrase secrète</label>
          <div>
            <PasswordInput
              id="exportPassphrase"
              value={passphrase}
              aria-describedby="exportPassphrase-hint"
              onChange={(event) => setPassphrase(event.target.value)}
            />
            <p className="hint" id="exportPassphrase-hint">
              {fr(
                `${minPassphraseLength} caractères au moins ; une phrase de plusieurs mots est plus sûre. Elle n'est enregistrée nulle part : transmettez-la par un autre moyen que le fichier.`,
              )}
            </p>
          </div>
          <label htmlFor="exportPassphraseConfirmation">Phrase secrète (confirmation)</label>
          <div>
            <PasswordInput
              id="exportPassphraseConfirmation"
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          </div>
        </div>
      )}
      <div className="actions">
        <button type="button" disabled={exporting} onClick={() => void exportProfile()}>
          Exporter le profil de déploiement…
        </button>
        <button type="button" onClick={() => void previewImport()}>
          Importer un profil de déploiement…
        </button>
        <button type="button" onClick={() => void openLogs()}>
          Ouvrir le dossier des journaux
        </button>
        <button type="button" disabled={!appInfo} onClick={() => setOpen({ kind: 'about' })}>
          À propos
        </button>
      </div>
      <p role="status" className="hint">
        {fr(message)}
      </p>
      <DailyCheckSection />
      <FleetParkSection />
      {open?.kind === 'import' && (
        <ProfileImportDialog
          file={open.file}
          changes={open.changes}
          withSecrets={open.withSecrets}
          onClose={() => setOpen(undefined)}
          onImport={async (importPassphrase) => {
            const answer = await configuration.refresh(() =>
              window.chorus.importProfile(
                importPassphrase === undefined ? undefined : { passphrase: importPassphrase },
              ),
            );
            if (!answer.ok) return answer;
            setOpen(undefined);
            setMessage(
              open.withSecrets
                ? 'Profil importé : les paramètres ci-dessus sont ceux du profil, et ses mots de passe sont dans le coffre-fort de ce poste, à vérifier par un test de connexion.'
                : 'Profil importé : les paramètres ci-dessus sont ceux du profil.',
            );
            return undefined;
          }}
        />
      )}
      {open?.kind === 'about' && appInfo && <AboutDialog appInfo={appInfo} onClose={() => setOpen(undefined)} />}
    </LazyDetails>
  );
}
