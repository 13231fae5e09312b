import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../common/app';
import { appMenuTemplate } from './app-menu';

const items = (template: MenuItemConstructorOptions[]) =>
  template.flatMap((menu) =>
    (Array.isArray(menu.submenu) ? menu.submenu : [])
      .filter((item) => item.label)
      .map((item) => ({ menu: menu.label, item })),
  );

describe('the window menu', () => {
  it('offers the deployment and support actions in French, each one sending its command to the screen', () => {
    const sent: MenuCommand[] = [];
    const entries = items(appMenuTemplate((command) => sent.push(command)));
    expect(entries.map(({ menu, item }) => `${menu ?? ''} > ${item.label ?? ''}`)).toEqual([
      '&Fichier > Importer un profil de déploiement…',
      '&Fichier > Exporter le profil de déploiement…',
      '&Fichier > Ouvrir le dossier des journaux',
      '&Fichier > Quitter',
      '&Aide > À propos de Chorus Pro Echanges',
    ]);
    for (const { item } of entries) (item.click as (() => void) | undefined)?.();
    expect(sent).toEqual(['import-profile', 'export-profile', 'open-log-folder', 'about']);
  });
});
