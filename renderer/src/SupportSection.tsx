import { useEffect, useRef, useState } from 'react';
import type { AppInfo, ProfileChange } from '../../preload/contract';
import { AboutDialog } from './AboutDialog';
import { LazyDetails } from './LazyDetails';
import { ProfileImportDialog } from './ProfileImportDialog';
import type { Configuration } from './useConfiguration';

type Open = { readonly kind: 'import'; readonly file: string; readonly changes: readonly ProfileChange[] } | { readonly kind: 'about' };

/** Deployment profiles, the support log and "À propos", for the IT department. */
export function SupportSection({ configuration, appInfo }: { readonly configuration: Configuration; readonly appInfo: AppInfo | undefined }) {
  const [message, setMessage] = useState('');
  const [open, setOpen] = useState<Open>();

  const exportProfile = async () => {
    const answer = await window.chorus.exportProfile();
    if (!answer.ok) setMessage(answer.message);
    else if (answer.saved) setMessage(`Profil de déploiement exporté, sans aucun secret : ${answer.file ?? ''}`);
  };
  const previewImport = async () => {
    const answer = await window.chorus.previewProfileImport();
    if (!answer.ok) setMessage(answer.message);
    else if (answer.chosen) setOpen({ kind: 'import', file: answer.file, changes: answer.changes });
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
      <div className="actions">
        <button type="button" onClick={() => void exportProfile()}>
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
        {message}
      </p>
      {open?.kind === 'import' && (
        <ProfileImportDialog
          file={open.file}
          changes={open.changes}
          onClose={() => setOpen(undefined)}
          onImport={async () => {
            const answer = await configuration.refresh(() => window.chorus.importProfile());
            if (!answer.ok) return answer;
            setOpen(undefined);
            setMessage('Profil importé : les paramètres ci-dessus sont ceux du profil.');
            return undefined;
          }}
        />
      )}
      {open?.kind === 'about' && appInfo && <AboutDialog appInfo={appInfo} onClose={() => setOpen(undefined)} />}
    </LazyDetails>
  );
}
