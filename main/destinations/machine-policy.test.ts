import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';
import { destinationsFor, parseMachinePolicy, readMachinePolicy } from './machine-policy';
import { parseRegQueryOutput, policyFileReader, registryPolicyReader } from './policy-source';
import { posixFileTrust } from './file-trust';

// The policy an IT person writes (docs/guide-deploiement.md), ASCII only: the registry's value
// cannot carry anything else faithfully.
const policy = {
  formatVersion: 1,
  destinations: [
    {
      name: 'Compta - base 2026',
      kind: 'script',
      command: '/opt/compta/pousser',
      args: ['--base', '2026'],
      accounts: ['Commune de Lavaur'],
    },
    {
      name: 'Tiers de t\u00e9l\u00e9transmission',
      kind: 'server',
      certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      folder: '\\\\serveur\\chorus',
    },
  ],
  allowScripts: false,
};

/** `reg.exe query "HKLM\SOFTWARE\Policies\Chorus Pro Echanges" /v Policy` as Windows prints it to a pipe: CRLF, four-space columns. */
const regQueryOutput = (type: string, data: string): string =>
  `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chorus Pro Echanges\r\n    Policy    ${type}    ${data}\r\n\r\n`;

const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

describe('the machine policy', () => {
  it('reads destinations and allowScripts, and tells which serve an account', () => {
    const reading = parseMachinePolicy(JSON.stringify(policy), 'test');
    expect(reading.kind).toBe('policy');
    if (reading.kind !== 'policy') return;
    expect(reading.policy.allowScripts).toBe(false);
    expect(destinationsFor(reading.policy, 'Commune de Lavaur').map((destination) => destination.name)).toEqual([
      'Compta - base 2026',
      'Tiers de télétransmission',
    ]);
    expect(destinationsFor(reading.policy, 'SIVOM').map((destination) => destination.name)).toEqual([
      'Tiers de télétransmission',
    ]);
  });

  it.each([
    ['not JSON', '{formatVersion: 1', "ce n'est pas du JSON valide"],
    ['a newer format', JSON.stringify({ formatVersion: 2 }), 'mettez à jour'],
    ['an unknown field', JSON.stringify({ formatVersion: 1, destination: [] }), 'champ invalide'],
    [
      'a destination of another kind',
      JSON.stringify({ formatVersion: 1, destinations: [{ name: 'x', kind: 'mail', to: 'a@b' }] }),
      'champ invalide',
    ],
    [
      'two destinations of one name',
      JSON.stringify({
        formatVersion: 1,
        destinations: [policy.destinations[1], { ...policy.destinations[1], folder: 'D:\\\\autre' }],
      }),
      'deux destinations',
    ],
    ['a value over 256 KB', JSON.stringify({ formatVersion: 1, pad: 'x'.repeat(300 * 1024) }), 'trop volumineuse'],
  ])('refuses %s, saying why', (_case, text, reason) => {
    const reading = parseMachinePolicy(text, 'test');
    expect(reading).toMatchObject({ kind: 'refused', reason: expect.stringContaining(reason) as string });
  });
});

describe('the policy in the registry (reg.exe query, Windows: the parser here, reg.exe itself not run)', () => {
  it('reads the JSON of a REG_SZ value as reg.exe prints it', () => {
    const text = asciiJson(policy);
    expect(parseRegQueryOutput(regQueryOutput('REG_SZ', text))).toEqual({ kind: 'value', data: text });
    // Accented names written as \u escapes come back exactly.
    const reading = parseMachinePolicy(text, 'registre');
    expect(reading.kind === 'policy' && reading.policy.destinations?.[1]?.name).toBe('Tiers de télétransmission');
  });

  it('takes the value whatever its case and spaces inside the JSON', () => {
    const text = '{ "formatVersion": 1,    "allowScripts": false }';
    expect(parseRegQueryOutput(regQueryOutput('REG_EXPAND_SZ', text).replace('Policy', 'POLICY'))).toEqual({
      kind: 'value',
      data: text,
    });
  });

  it('refuses another type, and bytes the console code page may have changed', () => {
    expect(parseRegQueryOutput(regQueryOutput('REG_DWORD', '0x1'))).toMatchObject({
      kind: 'unusable',
      reason: expect.stringContaining('REG_SZ') as string,
    });
    // What reg.exe writes for « é » in CP850, read back byte for byte (latin1).
    expect(
      parseRegQueryOutput(regQueryOutput('REG_SZ', '{"formatVersion":1,"destinations":[{"name":"T\u0082l\u0082"}]}')),
    ).toMatchObject({ kind: 'unusable', reason: expect.stringContaining('\\u00e9') as string });
  });

  it('finds no policy when the key or the value is absent (reg.exe status 1), and says when reg.exe fails otherwise', async () => {
    expect(
      parseRegQueryOutput(
        '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chorus Pro Echanges\r\n    Autre    REG_SZ    x\r\n',
      ),
    ).toEqual({ kind: 'absent' });
    const asked: (readonly string[])[] = [];
    const absent = registryPolicyReader((args) => {
      asked.push(args);
      return Promise.resolve({ status: 1, stdout: '' });
    });
    expect(await absent()).toEqual({ kind: 'none' });
    expect(asked).toEqual([['query', 'HKLM\\SOFTWARE\\Policies\\Chorus Pro Echanges', '/v', 'Policy', '/reg:64']]);
    const present = registryPolicyReader(() =>
      Promise.resolve({ status: 0, stdout: regQueryOutput('REG_SZ', asciiJson(policy)) }),
    );
    expect((await readMachinePolicy(present)).kind).toBe('policy');
    const broken = registryPolicyReader(() => Promise.resolve({ status: 5, stdout: '' }));
    expect(await broken()).toMatchObject({ kind: 'refused', reason: expect.stringContaining('code 5') as string });
  });
});

describe('the policy file (POSIX: root-owned, read again at every use)', () => {
  const policyFolder = (): { folder: string; file: string } => {
    const folder = join(tempDir('chorus-policy-'), 'chorus-pro-echanges');
    mkdirSync(folder, { mode: 0o755 });
    const file = join(folder, 'policy.json');
    writeFileSync(file, JSON.stringify(policy), { mode: 0o644 });
    return { folder, file };
  };
  const runningAsRoot = process.getuid?.() === 0;

  it('is no policy when the file is not there', async () => {
    expect(await policyFileReader(join(tempDir('chorus-policy-'), 'policy.json'))()).toEqual({ kind: 'none' });
  });

  it.runIf(runningAsRoot)('reads a root-owned file, and reads it again after a change', async () => {
    const { file } = policyFolder();
    const read = policyFileReader(file, posixFileTrust());
    expect((await readMachinePolicy(read)).kind).toBe('policy');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, allowScripts: true }));
    const again = await readMachinePolicy(read);
    expect(again.kind === 'policy' && again.policy.allowScripts).toBe(true);
  });

  it.runIf(runningAsRoot)(
    'refuses a file another user owns, or that users may write, and a folder they may write',
    async () => {
      const owned = policyFolder();
      chownSync(owned.file, 65534, 65534);
      expect(await policyFileReader(owned.file, posixFileTrust())()).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining("appartient à l'utilisateur n° 65534") as string,
      });
      const writable = policyFolder();
      chmodSync(writable.file, 0o666);
      expect(await policyFileReader(writable.file, posixFileTrust())()).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining("modifiable par d'autres utilisateurs") as string,
      });
      const groupWritable = policyFolder();
      chmodSync(groupWritable.folder, 0o775);
      expect(await policyFileReader(groupWritable.file, posixFileTrust())()).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining('son dossier') as string,
      });
    },
  );
});
