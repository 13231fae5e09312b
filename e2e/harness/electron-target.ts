import { _electron as electron, type Page } from '@playwright/test';
import type { ReminderProbe } from './browser-target';
import { mainBuildEntry } from './paths';

export interface ElectronTargetOptions {
  readonly userDataDir: string;
  readonly keychainService: string;
  readonly env: Readonly<Record<string, string>>;
  readonly fileToChoose: string | undefined;
  readonly fileToSave: string | undefined;
  readonly machineProfile: string | undefined;
  readonly machineFleet?: string | undefined;
  readonly machinePolicy: string | undefined;
}

/** The real app, for machines that have the Electron binary (E2E_TARGET=electron). */
export async function launchInElectron(options: ElectronTargetOptions): Promise<{
  page: Page;
  reminders: ReminderProbe;
  openedFolders: readonly string[];
  chooseMenuItem: (label: string) => Promise<void>;
  readClipboard: () => Promise<string>;
  close: () => Promise<void>;
}> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const app = await electron.launch({
    args: [mainBuildEntry],
    env: {
      ...inherited,
      ...options.env,
      CHORUS_PRO_USER_DATA_DIR: options.userDataDir,
      CHORUS_PRO_KEYCHAIN_SERVICE: options.keychainService,
      CHORUS_PRO_MACHINE_PROFILE: options.machineProfile ?? '/nonexistent/chorus-pro-echanges-profile.json',
      CHORUS_PRO_MACHINE_FLEET: options.machineFleet ?? '/nonexistent/chorus-pro-echanges-fleet.json',
      CHORUS_PRO_MACHINE_POLICY: options.machinePolicy ?? '/nonexistent/chorus-pro-echanges-policy.json',
    },
  });
  // A native dialog cannot be driven: answer it as the user would, with the spec's file.
  await app.evaluate(
    ({ dialog, shell }, files) => {
      dialog.showOpenDialog = () =>
        Promise.resolve({
          canceled: files.open === undefined,
          filePaths: files.open === undefined ? [] : [files.open],
        });
      dialog.showSaveDialog = () => Promise.resolve({ canceled: files.save === undefined, filePath: files.save ?? '' });
      shell.openPath = () => Promise.resolve('');
    },
    { open: options.fileToChoose, save: options.fileToSave },
  );
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    page,
    get openedFolders(): never {
      throw new Error('Les dossiers ouverts ne sont observables que dans le navigateur de test (E2E_TARGET=browser).');
    },
    chooseMenuItem: (label: string) =>
      app.evaluate(({ Menu }, wanted) => {
        const items = Menu.getApplicationMenu()?.items.flatMap((menu) => menu.submenu?.items ?? []) ?? [];
        const item = items.find((candidate) => candidate.label === wanted);
        if (!item) throw new Error(`Aucun élément de menu « ${wanted} »`);
        (item.click as () => void)();
      }, label),
    reminders: {
      get notifications(): never {
        throw new Error(
          'Les notifications ne sont observables que dans la cible des fichiers livrés (E2E_TARGET=bundle).',
        );
      },
      get notificationTexts(): never {
        throw new Error(
          'Les notifications ne sont observables que dans la cible des fichiers livrés (E2E_TARGET=bundle).',
        );
      },
      nextDay: () => {
        throw new Error(
          'Le minuteur quotidien ne se pilote que dans la cible des fichiers livrés (E2E_TARGET=bundle).',
        );
      },
    },
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    close: () => app.close(),
  };
}
