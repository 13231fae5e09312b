// On Windows a mapped network drive (Z:) is one user's session only: the daily task, another
// Windows user or the same user after a reconnect may not have it, and the letter can point
// elsewhere on another workstation. The fleet's folder is therefore refused on one, with the UNC
// path to use instead (\\serveur\partage\…).
//
// What Windows reports: the folder's final path, as GetFinalPathNameByHandleW (VOLUME_NAME_DOS)
// gives it for an opened handle; Node exposes it as fs.realpathSync.native, libuv turning its
// "\\?\UNC\serveur\partage" into "\\serveur\partage" and dropping "\\?\" before a drive letter.
// Chosen over `net use` (localized columns, the console's OEM code page, wrapped lines) and over
// HKCU\Network (persistent mappings only): it is one Unicode answer, the same in every language,
// for every kind of mapping (net use, GPO drive maps, Explorer). A `subst` drive resolves to its
// local folder and is accepted. Not verified on Windows here: the parser is tested on the shapes
// libuv documents (deps/uv/src/win/fs.c, fs__realpath_handle).

/** A path as typed: the drive letter it starts with, if any ("Z:" for "z:\chorus" or "Z:"). */
export function driveOf(typed: string): string | undefined {
  const match = /^([A-Za-z]):(?:[\\/]|$)/.exec(typed);
  return match?.[1] === undefined ? undefined : `${match[1].toUpperCase()}:`;
}

/** The UNC form of what realpath.native reported, when it is on a network share. */
export function uncOf(reported: string): string | undefined {
  const withoutPrefix = reported.replace(/^\\\\\?\\UNC\\/i, '\\\\');
  if (!/^\\\\[^\\?.][^\\]*\\[^\\]+/.test(withoutPrefix)) return undefined;
  return withoutPrefix.replace(/\\+$/, '');
}

/**
 * The refusal for a folder typed on a mapped drive (or relative, from a mapped current folder),
 * with the UNC path to use; undefined for a UNC path typed as such, or a local folder.
 */
export function mappedDriveRefusal(typed: string, reported: string): string | undefined {
  if (typed.startsWith('\\\\')) return undefined;
  const unc = uncOf(reported);
  if (unc === undefined) return undefined;
  const drive = driveOf(typed);
  const where = drive === undefined ? 'ce dossier est sur un lecteur réseau' : `${drive} est un lecteur réseau`;
  return `${where}, propre à une session Windows (la tâche quotidienne ou un autre utilisateur ne l'ont pas forcément) : indiquez le chemin réseau complet, ${unc}`;
}
