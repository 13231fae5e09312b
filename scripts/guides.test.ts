import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureCodes } from '../preload/contract';
import { failureMessages } from '../main/failures/errors';
import { parse } from '../main/cli/parser';
import { actionOptions, actions } from '../main/cli/fleet-actions';

const root = join(__dirname, '..');
const guide = (name: string): string => readFileSync(join(root, 'docs', name), 'utf8');

/** A command line's words as cmd.exe gives them: "Saint-Aubin", "La Chapelle" and "Compte principal" are one word each. */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');

/** The command lines a guide tells its reader to type: code blocks' lines that call the app. */
function commandLines(markdown: string, program: RegExp): string[][] {
  // Every fenced block is paired (a ```json one included), and only the shells' are read.
  const blocks = [...markdown.matchAll(/```([a-z]*)\n([\s\S]*?)```/g)].filter((match) => ['', 'sh', 'cmd', 'powershell', 'bat'].includes(match[1] ?? '')).map((match) => match[2] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => program.test(line))
    .map((line) => words(line.replace(program, '').replace(/\s*>.*$/, '').trim()));
}

describe('the deployment guide', () => {
  const text = guide('guide-deploiement.md');
  const lines = commandLines(text, /^chorus-pro-echanges(?:\.cmd)?\s+/);

  it('shows the command line', () => {
    expect(lines.length).toBeGreaterThan(5);
  });

  it.each(lines.map((words) => [words.join(' '), words]))('names a command and options that exist: %s', (_line, words) => {
    expect(() => parse(words)).not.toThrow();
  });

  it.each(lines.filter((words) => words[0] === 'fleet').map((words) => [words.join(' '), words]))('names a fleet action with the options it takes, and its folder: %s', (_line, words) => {
    const { positionals, options } = parse(words);
    const action = actions.find((candidate) => candidate === positionals[0]);
    expect(action).toBeDefined();
    const allowed = ['user-data-dir', 'json', 'help', ...actionOptions[action ?? 'status']];
    expect(Object.keys(options).filter((option) => !allowed.includes(option))).toEqual([]);
    if (action !== 'sync' && action !== 'status') expect(positionals[1]).toMatch(/^(\\\\[^\\]+\\|[A-Z]:\\)/);
  });

  it('walks through a fleet: the share, the accounts, create, pointer, members, assign, accept, renew, rotate', () => {
    const fleetActions = new Set(lines.filter((words) => words[0] === 'fleet').map((words) => words[1]));
    for (const action of ['create', 'pointer', 'members', 'assign', 'publish', 'rotate-key', 'remove-member', 'sync', 'status']) expect(fleetActions.has(action), action).toBe(true);
    expect(lines.filter((words) => words[0] === 'accounts' || words[0] === 'configure').length).toBeGreaterThanOrEqual(6);
    // The machine folder's rights, by SID, as the installer sets them (build/installer.nsh).
    expect(text).toContain('icacls.exe "%ProgramData%\\Chorus Pro Echanges" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q');
    // The share: members list and create in members/ and status/ only; CREATOR OWNER on files; OWNER RIGHTS.
    for (const folder of ['members', 'status']) expect(text).toContain(`icacls D:\\Partages\\chorus\\${folder} /grant CC\\Chorus-Postes:(WD) *S-1-3-0:(OI)(IO)M *S-1-3-4:(OI)(IO)M`);
  });

  it('holds the sections the app’s messages name', () => {
    for (const heading of ['### Le dossier de la machine', '### Le pointeur de parc du poste', '## Préconfigurer tous les postes : le profil de machine']) expect(text).toContain(`\n${heading}\n`);
  });

  it('links to the user guide', () => {
    expect(text).toContain('(guide-utilisateur.md)');
  });
});

describe('the user guide', () => {
  const text = guide('guide-utilisateur.md');
  const quoted = [...text.matchAll(/« ([^»]+?) »/g)].map((match) => (match[1] ?? '').replace(/…$/, '').trim());

  it.each(failureCodes.map((code) => [code]))('says what to do when the screen shows the message of %s', (code) => {
    const message = failureMessages[code];
    expect(quoted.some((start) => start.length >= 12 && message.startsWith(start))).toBe(true);
  });

  it('shows only pictures that exist', () => {
    const pictures = [...text.matchAll(/\]\((screenshots\/[^)]+\.png)\)/g)].map((match) => match[1] ?? '');
    expect(pictures.length).toBeGreaterThan(2);
    for (const picture of pictures) expect(() => readFileSync(join(root, 'docs', picture))).not.toThrow();
  });
});
