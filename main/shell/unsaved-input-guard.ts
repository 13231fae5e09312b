import type { BrowserWindow, Dialog } from 'electron';
import { appTitle } from './app-identity';

/** The page refuses to unload while a typed secret is not saved: ask, as Windows programs do. */
export function askBeforeLosingTypedSecrets(window: BrowserWindow, dialog: Dialog): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: appTitle,
      message: "Un mot de passe ou un secret saisi n'a pas encore été enregistré.",
      detail:
        'Si vous fermez maintenant, la saisie sera perdue. Pour la conserver, restez et cliquez sur « Test de connexion » ou « Enregistrer le secret ».',
      buttons: ['Fermer sans enregistrer', 'Rester'],
      defaultId: 1,
      cancelId: 1,
    });
    if (choice === 0) event.preventDefault();
  });
}
