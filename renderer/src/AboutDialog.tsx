import type { AppInfo } from '../../common/app';
import { ModalDialog } from './ModalDialog';

/** "À propos": what support asks for first. */
export function AboutDialog({ appInfo, onClose }: { readonly appInfo: AppInfo; readonly onClose: () => void }) {
  return (
    <ModalDialog title="À propos de Chorus Pro Echanges" onCancel={onClose}>
      <dl className="about">
        <dt>Version</dt>
        <dd>{appInfo.version}</dd>
        <dt>Electron</dt>
        <dd>{appInfo.electronVersion ?? '—'}</dd>
        <dt>Chrome</dt>
        <dd>{appInfo.chromeVersion ?? '—'}</dd>
        <dt>Dossier des données</dt>
        <dd>{appInfo.userDataDir}</dd>
      </dl>
      <div className="actions end">
        <button type="button" onClick={onClose} autoFocus>
          Fermer
        </button>
      </div>
    </ModalDialog>
  );
}
