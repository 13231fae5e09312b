// The desktop's dialogs and file manager, as the bridge's handlers ask for them (Desktop).
import type {
  BrowserWindow,
  Clipboard,
  Dialog,
  MessageBoxOptions,
  OpenDialogOptions,
  SaveDialogOptions,
  Shell,
} from 'electron';
import type { Desktop } from '../ipc/channel-handlers';
import { appTitle } from './app-identity';
import { secretClipboard } from './secret-clipboard';

/** Each dialog is modal to the app's window when there is one. */
export function createElectronDesktop(
  dialog: Dialog,
  shell: Shell,
  appWindow: () => BrowserWindow | undefined,
  clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>,
): Desktop {
  const open = (options: OpenDialogOptions) => {
    const window = appWindow();
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  const save = (options: SaveDialogOptions) => {
    const window = appWindow();
    return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
  };
  const ask = (options: MessageBoxOptions) => {
    const window = appWindow();
    return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  };
  return {
    copySecret: secretClipboard(clipboard),
    chooseFile: async (purpose) => {
      const options =
        purpose === 'ca-certificate'
          ? {
              title: "Certificat de l'autorité de votre réseau",
              properties: ['openFile' as const],
              filters: [{ name: 'Certificat (PEM)', extensions: ['pem', 'crt', 'cer'] }],
            }
          : {
              title: 'Importer un profil de déploiement',
              properties: ['openFile' as const],
              filters: [{ name: 'Profil (JSON)', extensions: ['json'] }],
            };
      const choice = await open(options);
      return choice.canceled ? undefined : choice.filePaths[0];
    },
    chooseSaveFile: async (defaultName) => {
      const choice = await save({
        title: 'Exporter le profil de déploiement',
        defaultPath: defaultName,
        filters: [{ name: 'Profil (JSON)', extensions: ['json'] }],
      });
      return choice.canceled ? undefined : choice.filePath;
    },
    openFolder: async (path) => {
      await shell.openPath(path);
    },
    confirmNewHost: async ({ host, role, account }) => {
      const choice = await ask({
        type: 'question',
        title: appTitle,
        message: `Première connexion à ${host}`,
        detail: `Le compte « ${account} » va envoyer ses identifiants à ${host} (${role}), une adresse qui n'est ni celle de Chorus Pro (PISTE) ni une adresse que vous avez déjà confirmée. Autorisez-la seulement si c'est bien l'adresse indiquée par votre service informatique.`,
        buttons: ['Autoriser', 'Ne pas envoyer'],
        defaultId: 1,
        cancelId: 1,
      });
      return choice.response === 0;
    },
  };
}
