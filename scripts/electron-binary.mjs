// Run by `npm start` before Electron: when Electron's binary is missing and cannot be downloaded
// (a machine without internet), say so in French with the two offline ways to provide it,
// instead of Electron's own English stack trace ("fetch failed … failed to install correctly").
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const electronFolder = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronFolder, 'package.json'), 'utf8'));
const platform = process.platform;
const arch = process.arch;
const zipName = `electron-v${version}-${platform}-${arch}.zip`;

/** The executable Electron's own index.js would start (node_modules/electron/index.js). */
function electronExecutable() {
  const pathFile = join(electronFolder, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override)
    return join(
      override,
      executable ??
        (platform === 'win32'
          ? 'electron.exe'
          : platform === 'darwin'
            ? 'Electron.app/Contents/MacOS/Electron'
            : 'electron'),
    );
  return executable ? join(electronFolder, 'dist', executable) : undefined;
}

/** Where @electron/get looks for the release zip before downloading it: <cache>/<sha256 of the release folder's URL>/. */
function cacheFolder() {
  const root =
    process.env.electron_config_cache ??
    (platform === 'win32'
      ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Caches', 'electron')
        : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron'));
  const releaseFolderUrl = `https://github.com/electron/electron/releases/download/v${version}`;
  return join(root, createHash('sha256').update(releaseFolderUrl).digest('hex'));
}

function present() {
  const executable = electronExecutable();
  return (
    executable !== undefined && (existsSync(executable) || (platform === 'win32' && existsSync(`${executable}.exe`)))
  );
}

if (present()) process.exit(0);
if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  // Electron's installer takes the zip from the cache, or downloads it when the machine can.
  const install = spawnSync(process.execPath, [join(electronFolder, 'install.js')], { stdio: 'ignore' });
  if (install.status === 0 && present()) process.exit(0);
}

const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
process.stderr.write(
  [
    override
      ? `Le programme Electron ${version} est introuvable dans le dossier indiqué par ELECTRON_OVERRIDE_DIST_PATH (${override}) : l'application ne peut pas démarrer.`
      : `Le programme Electron ${version} n'est pas installé dans node_modules/electron et n'a pas pu être téléchargé (ce poste n'a sans doute pas accès à Internet) : l'application ne peut pas démarrer.`,
    "Fournissez-le hors ligne de l'une de ces deux façons.",
    `1) Décompressez l'archive ${zipName} (publiée sur https://github.com/electron/electron/releases/tag/v${version}) dans un dossier et indiquez ce dossier par ELECTRON_OVERRIDE_DIST_PATH :`,
    `sous Linux, ELECTRON_OVERRIDE_DIST_PATH=/opt/electron-v${version}-linux-x64 npm start ;`,
    `sous Windows (PowerShell), $env:ELECTRON_OVERRIDE_DIST_PATH="C:\\Electron\\electron-v${version}-win32-x64" puis npm start.`,
    `2) Ou déposez l'archive zip telle quelle, sans la décompresser, dans le dossier de cache d'Electron de ce poste, ${cacheFolder()} (créez-le au besoin), puis relancez npm start : elle y sera prise au lieu d'être téléchargée.`,
    `(Pour un autre dossier de cache : electron_config_cache=/srv/cache-electron npm start sous Linux, $env:electron_config_cache="D:\\cache-electron" sous Windows ; le sous-dossier ${cacheFolder().split(/[\\/]/).at(-1)} reste le même pour cette version.)`,
  ].join(' ') + '\n',
);
process.exit(1);
