// The application itself as the screen shows it: what « À propos » says, and the window menu's
// commands that the screen carries out. Plain TypeScript, shared by main and the renderer.

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly electronVersion?: string;
  readonly chromeVersion?: string;
  readonly userDataDir: string;
}

export const menuCommands = ['export-profile', 'import-profile', 'open-log-folder', 'about'] as const;
export type MenuCommand = (typeof menuCommands)[number];
