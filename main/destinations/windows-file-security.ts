import { execFile } from 'node:child_process';
import { join } from 'node:path';

/*
 * Who owns a file on Windows and who may write it, read as SIDs from its security descriptor in
 * SDDL (language-independent, unlike icacls' localized names). NOT VERIFIED on Windows here (no
 * Windows in this project's CI): the parser is tested on SDDL strings written after Microsoft's
 * SDDL documentation, the reading through PowerShell's Get-Acl is reasoned about.
 */

/** SYSTEM, Administrators, TrustedInstaller: the only owners and writers an administrator's file has. */
const trustedSids: ReadonlySet<string> = new Set([
  'SY',
  'S-1-5-18',
  'BA',
  'S-1-5-32-544',
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
]);

/** SDDL's access-right letters (ACE strings), with their access mask. */
const rightLetters: Readonly<Record<string, number>> = {
  GA: 0x10000000, GX: 0x20000000, GW: 0x40000000, GR: 0x80000000,
  FA: 0x1f01ff, FR: 0x120089, FW: 0x120116, FX: 0x1200a0,
  SD: 0x10000, RC: 0x20000, WD: 0x40000, WO: 0x80000,
  CC: 0x1, DC: 0x2, LC: 0x4, SW: 0x8, RP: 0x10, WP: 0x20, DT: 0x40, LO: 0x80, CR: 0x100,
  KA: 0xf003f, KR: 0x20019, KW: 0x20006, KX: 0x20019, NR: 0, NW: 0, NX: 0,
};

/**
 * What lets someone change what the file runs or holds: write data, append, delete a child or the
 * file itself (so it can be replaced), change its permissions or its owner, generic write or all.
 */
const writeMask = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

function maskOf(rights: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number.parseInt(rights.slice(2), 16);
  let mask = 0;
  for (let index = 0; index < rights.length; index += 2) {
    const value = rightLetters[rights.slice(index, index + 2).toUpperCase()];
    if (value === undefined) return undefined;
    mask |= value;
  }
  return mask;
}

export interface SddlTrust {
  readonly ownerTrusted: boolean;
  /** The SIDs outside SYSTEM, Administrators and TrustedInstaller that may write it. */
  readonly otherWriters: readonly string[];
}

/**
 * Reads an SDDL string: the owner, and every allow entry that applies to the object itself (not an
 * inherit-only one) and grants a write right. Deny entries are never counted as grants; an entry
 * whose rights cannot be read counts as a write, so that a doubt never trusts.
 */
export function sddlTrust(sddl: string): SddlTrust | undefined {
  const owner = /O:([A-Z]{2}|S-1-[0-9-]+)/.exec(sddl)?.[1];
  const dacl = /D:[A-Z]*((?:\([^)]*\))*)/.exec(sddl)?.[1];
  if (owner === undefined || dacl === undefined) return undefined;
  const otherWriters: string[] = [];
  for (const [, ace = ''] of dacl.matchAll(/\(([^)]*)\)/g)) {
    const [type = '', flags = '', rights = '', , , sid = ''] = ace.split(';');
    if (type !== 'A' || /IO/.test(flags) || trustedSids.has(sid)) continue;
    const mask = maskOf(rights);
    if (mask === undefined || (mask & writeMask) !== 0) otherWriters.push(sid);
  }
  return { ownerTrusted: trustedSids.has(owner), otherWriters };
}

/** PowerShell by its full path, never found through PATH (which starts in the current folder). */
export const windowsPowerShell = (env: NodeJS.ProcessEnv = process.env): string =>
  join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

/**
 * The file's SDDL through `Get-Acl`. The path travels as a single-quoted PowerShell literal on
 * standard input, never as an argument: nothing of it is read as a command. NOT VERIFIED on Windows.
 */
export function readWindowsSddl(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = execFile(
      windowsPowerShell(),
      ['-NoProfile', '-NonInteractive', '-Command', '-'],
      { windowsHide: true, timeout: 20_000, maxBuffer: 64 * 1024, encoding: 'utf8' },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
    child.stdin?.end(`(Get-Acl -LiteralPath '${path.replace(/'/g, "''")}').Sddl\n`);
  });
}
