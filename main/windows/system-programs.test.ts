// Issue 29, S8 and S6: Windows' own programs are started by their full path under
// %SystemRoot%\System32 — never found on PATH or in the current folder — and what they print is
// read in the console's code page. Here stand-in programs in a folder of their own print the
// published samples' bytes; decoys named like them wait on PATH and in the current folder.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';
import { windowsSample } from '../../test/support/windows-samples';
import { createDailyCheckSchedule } from '../schedule/daily-check-schedule';
import { fixedClock } from '../../test/support/settings-fixture';
import { consoleText } from './console-text';
import { createSystemPrograms, oemCodePageOf } from './system-programs';
import { defaultSystemRoot, systemProgramPath, systemRoot } from './system-root';
import { currentUserSid, sidOfWhoami } from './user-sid';

describe('where a system program is taken from', () => {
  it('%SystemRoot%\\System32, by its full path', () => {
    expect(systemProgramPath('schtasks.exe', { SystemRoot: 'C:\\WINDOWS' })).toBe(
      'C:\\WINDOWS\\System32\\schtasks.exe',
    );
    expect(systemProgramPath('WindowsPowerShell\\v1.0\\powershell.exe', { SystemRoot: 'D:\\Windows' })).toBe(
      'D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    expect(systemProgramPath('whoami.exe', { windir: 'C:\\WINNT' })).toBe('C:\\WINNT\\System32\\whoami.exe');
  });

  it('C:\\Windows when %SystemRoot% is missing, relative, a share, deeper than a drive’s root or climbs', () => {
    for (const given of [
      undefined,
      '',
      'Windows',
      '.\\Windows',
      '\\\\srv\\partage\\Windows',
      'C:\\Users\\eve\\Windows',
      'C:\\..',
      'C:Windows',
      'C:\\Windows;C:\\x',
    ]) {
      expect(systemRoot(given === undefined ? {} : { SystemRoot: given }), String(given)).toBe(defaultSystemRoot);
    }
  });
});

/** A program that writes `bytes` to one stream and exits with `status`; or that writes a marker. */
function standIn(path: string, body: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}
const printing = (file: string, stream: 'out' | 'err', status: number): string =>
  `cat '${file}'${stream === 'err' ? ' >&2' : ''}\nexit ${status}`;

/** A Windows folder of stand-ins, decoys on PATH and in the current folder. */
function workstation(codePage = '850') {
  const root = tempDir('chorus-windows-');
  const system32 = join(root, 'System32');
  const decoys = join(root, 'decoys');
  const marker = join(root, 'decoy-ran');
  for (const name of ['schtasks.exe', 'whoami.exe', 'reg.exe']) standIn(join(decoys, name), `echo "$0" >> '${marker}'`);
  const whoamiOutput = join(root, 'whoami.txt');
  writeFileSync(
    whoamiOutput,
    iconv.encode('"mairie\\agent.comptabilité","S-1-5-21-1882866539-4086113214-3650236343-1001"\r\n', 'cp850'),
  );
  standIn(join(system32, 'whoami.exe'), printing(whoamiOutput, 'out', 0));
  const regOutput = join(root, 'reg.txt');
  writeFileSync(
    regOutput,
    `\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    ${codePage}\r\n\r\n`,
  );
  standIn(join(system32, 'reg.exe'), printing(regOutput, 'out', 0));
  const env = { ...process.env, PATH: `${decoys}:${process.env.PATH ?? ''}` };
  const programs = createSystemPrograms({ locate: (program) => join(system32, program), env });
  const schtasks = (sample: string, stream: 'out' | 'err', status: number): void =>
    standIn(join(system32, 'schtasks.exe'), printing(windowsSample(sample), stream, status));
  return { programs, schtasks, decoyRan: () => existsSync(marker), decoys };
}

describe('Windows programs started by full path and read in the OEM code page (stand-ins)', () => {
  it('reads schtasks’ French « introuvable » (CP850) as absent, and a task exported in CP850, never running a decoy', async () => {
    const station = workstation();
    const previous = process.cwd();
    process.chdir(station.decoys);
    try {
      const schedule = createDailyCheckSchedule({
        platform: 'win32',
        run: (args) => station.programs.run('schtasks.exe', args),
        userSid: currentUserSid(station.programs),
        clock: fixedClock('2026-12-02T10:00:00Z'),
        executable: 'C:\\x.exe',
      });
      station.schtasks('schtasks/E1-fr-not-found.cp850.txt', 'err', 1);
      expect(await schedule.status()).toMatchObject({
        installed: false,
        taskName: 'Chorus Pro Echanges\\Verification quotidienne - S-1-5-21-1882866539-4086113214-3650236343-1001',
      });
      expect((await station.programs.run('schtasks.exe', ['/Query'])).stderr).toBe(
        'ERREUR : Le fichier spécifié est introuvable.\r\n',
      );
      station.schtasks('schtasks/X3-app-exported.cp850.xml', 'out', 0);
      expect(await schedule.status()).toMatchObject({ installed: true, at: '07:30', enabled: true });
      const description = (await station.programs.run('schtasks.exe', ['/Query', '/XML'])).stdout;
      expect(description).toContain('Vérifie chaque jour la connexion à Chorus Pro');
    } finally {
      process.chdir(previous);
    }
    expect(station.decoyRan()).toBe(false);
  });

  it('reads the user’s SID from whoami’s CSV line, whatever the name holds', async () => {
    const station = workstation();
    expect(await currentUserSid(station.programs)()).toBe('S-1-5-21-1882866539-4086113214-3650236343-1001');
    expect(sidOfWhoami('"MAIRIE\\Dupont, ""Jean""","S-1-5-21-1-2-3-1104"\r\n')).toBe('S-1-5-21-1-2-3-1104');
    expect(sidOfWhoami('"AUTORITE NT\\Système","S-1-5-18"')).toBe('S-1-5-18');
    expect(sidOfWhoami('ERREUR : accès refusé.')).toBeUndefined();
    expect(station.decoyRan()).toBe(false);
  });

  it('refuses, in French, when whoami does not give a SID', async () => {
    const root = tempDir('chorus-windows-');
    standIn(join(root, 'whoami.exe'), 'echo "ERREUR : 0x80070005" >&2\nexit 1');
    const programs = createSystemPrograms({ locate: (program) => join(root, program) });
    await expect(currentUserSid(programs)()).rejects.toMatchObject({
      detail: expect.stringContaining(
        "l'identifiant Windows (SID) de cet utilisateur n'a pas pu être lu (whoami : ERREUR : 0x80070005)",
      ) as string,
    });
  });

  it('a program that is not there is a failure said, not a crash', async () => {
    const programs = createSystemPrograms({ locate: (program) => join(tempDir('chorus-windows-'), program) });
    const outcome = await programs.run('schtasks.exe', ['/Query']);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain('schtasks.exe');
  });
});

describe('the console’s code page', () => {
  it('is read from reg.exe’s answer (OEMCP)', () => {
    expect(
      oemCodePageOf(
        '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n',
      ),
    ).toBe(850);
    expect(
      oemCodePageOf('ERREUR : Le système n’a pas trouvé la clé ou la valeur de Registre spécifiée.'),
    ).toBeUndefined();
  });

  it('decodes the published French captures (CP850) into the very text of their UTF-8 copies', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [cp850, utf8] of [
      ['icacls/S7-fr-folder-users-ad-wd.fr.cp850.bin', 'icacls/S7-fr-folder-users-ad-wd.fr.txt'],
      ['schtasks/X3-app-exported.cp850.xml', 'schtasks/X3-app-exported.utf8.xml'],
    ] as const) {
      expect(consoleText(readFileSync(windowsSample(cp850)), 850), cp850).toBe(
        readFileSync(windowsSample(utf8), 'utf8'),
      );
    }
    // S8's UTF-8 copy was typed with a typographic apostrophe; CP850 has none: the letters agree.
    expect(consoleText(readFileSync(windowsSample('icacls/S8-fr-admin-file.fr.cp850.bin')), 850)).toBe(
      readFileSync(windowsSample('icacls/S8-fr-admin-file.fr.txt'), 'utf8').replaceAll('’', "'"),
    );
    expect(consoleText(Buffer.from('ERREUR : Accès refusé.', 'utf8'), 850)).toBe('ERREUR : Accès refusé.');
  });
});
