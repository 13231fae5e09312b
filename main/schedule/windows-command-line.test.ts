// Issue 29, S4: the task's arguments are read back by Windows (CommandLineToArgvW) exactly as
// written, a trailing backslash included; checked with a reader written from Microsoft's rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { runCli } from '../cli/run-cli';
import { createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { commandLineToArgvW } from '../../test/support/command-line-to-argv-w';
import { fixedClock } from '../../test/support/settings-fixture';
import { windowsArgument, windowsArguments } from './windows-command-line';

const exe = 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe';
const readBack = (values: readonly string[]): string[] =>
  commandLineToArgvW(`"${exe}" ${windowsArguments(values)}`).slice(1);

describe('the reader written from Microsoft’s documentation', () => {
  it('reads the documentation’s own examples as it says', () => {
    expect(commandLineToArgvW('"a b c" d e')).toEqual(['a b c', 'd', 'e']);
    expect(commandLineToArgvW('p "ab\\"c" "\\\\" d')).toEqual(['p', 'ab"c', '\\', 'd']);
    expect(commandLineToArgvW('p a\\\\\\b d"e f"g h')).toEqual(['p', 'a\\\\\\b', 'de fg', 'h']);
    expect(commandLineToArgvW('p a\\\\\\"b c d')).toEqual(['p', 'a\\"b', 'c', 'd']);
    expect(commandLineToArgvW('p a\\\\\\\\"b c" d e')).toEqual(['p', 'a\\\\b c', 'd', 'e']);
  });
});

describe('windowsArgument', () => {
  it('gives back, through CommandLineToArgvW, exactly the folders and values written', () => {
    const values = [
      '\\\\srv\\Dossier Partagé\\',
      '\\\\srv\\Dossier Partagé\\Chorus\\',
      'C:\\Users\\Agent Comptable\\AppData\\Roaming\\Chorus Pro Echanges',
      'C:\\a b\\\\',
      'C:\\sans-espace\\',
      'a"b',
      'a\\"b',
      'a\\\\"b c',
      '"',
      '\\',
      '',
      'tab\there',
      '--cli',
    ];
    for (const value of values) expect(readBack([value]), value).toEqual([value]);
    expect(readBack(values)).toEqual(values);
  });

  it('holds for any mix of backslashes, quotes, spaces and letters', () => {
    const alphabet = ['\\', '"', ' ', '\t', 'a', 'é'];
    let seed = 29;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 2000; round += 1) {
      const value = Array.from({ length: next() % 9 }, () => alphabet[next() % alphabet.length]).join('');
      expect(readBack([value, 'suivant']), JSON.stringify(value)).toEqual([value, 'suivant']);
    }
  });

  it('leaves a plain argument as it is', () => {
    expect(windowsArgument('--notify')).toBe('--notify');
    expect(windowsArgument('\\\\srv\\Dossier Partagé\\')).toBe('"\\\\srv\\Dossier Partagé\\\\"');
  });
});

describe('schedule show-xml --user-data-dir on a share, with its trailing backslash', () => {
  it('prints Arguments that Windows reads back as the exact folder', async () => {
    // The command opens that folder as its settings (relative on this system): in a folder of its own.
    const workDir = mkdtempSync(join(tmpdir(), 'chorus-partage-'));
    const previous = process.cwd();
    process.chdir(workDir);
    const out: string[] = [];
    try {
      const status = await runCli(
        ['schedule', 'show-xml', '--at', '07:30', '--user-data-dir', '\\\\srv\\Dossier Partagé\\'],
        {
          print: (line) => out.push(line),
          warn: () => undefined,
          readSecret: () => Promise.resolve(''),
          stdinIsTerminal: false,
          env: { ...process.env, CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json' },
          secretsFor: () => createKeytarSecretStore('Chorus Pro Echanges (test arguments)'),
          send: createHttpTransport(),
          clock: fixedClock('2026-12-02T10:00:00Z'),
          platform: 'win32',
          executablePath: exe,
        },
      );
      expect(status).toBe(0);
    } finally {
      process.chdir(previous);
      rmSync(workDir, { recursive: true, force: true });
    }
    const task = new XMLParser().parse(out.join('\n')) as {
      Task: { Actions: { Exec: { Command: string; Arguments: string } } };
    };
    const { Command, Arguments } = task.Task.Actions.Exec;
    expect(commandLineToArgvW(`"${Command}" ${Arguments}`)).toEqual([
      exe,
      '--cli',
      'test',
      '--all',
      '--notify',
      '--user-data-dir',
      '\\\\srv\\Dossier Partagé\\',
    ]);
  });
});
