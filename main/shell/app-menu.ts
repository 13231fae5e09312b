import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../common/app';

/**
 * The window's menu, in French. Its items ask the screen to carry out the same actions as its
 * "Déploiement et assistance" buttons, so there is one way of doing each.
 */
export function appMenuTemplate(send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return [
    {
      label: '&Fichier',
      submenu: [
        { label: 'Importer un profil de déploiement…', click: () => send('import-profile') },
        { label: 'Exporter le profil de déploiement…', click: () => send('export-profile') },
        { type: 'separator' },
        { label: 'Ouvrir le dossier des journaux', click: () => send('open-log-folder') },
        { type: 'separator' },
        { label: 'Quitter', role: 'quit' },
      ],
    },
    {
      label: '&Aide',
      submenu: [{ label: 'À propos de Chorus Pro Echanges', click: () => send('about') }],
    },
  ];
}
