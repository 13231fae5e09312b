import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureCodes } from '../common/failures';
import { failureMessages } from '../main/failures/errors';
import { parse } from '../main/cli/parser';
import { actionOptions, actions } from '../main/cli/fleet-actions';

const root = join(__dirname, '..');
const guide = (name: string): string => readFileSync(join(root, 'docs', name), 'utf8');

/** A command line's words as a shell splits them: "two words" in double quotes are one. */
const words = (line: string): string[] =>
  [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');

/** The lines of a guide's code blocks. */
const codeLines = (markdown: string): string[] =>
  [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)]
    .flatMap((match) => (match[1] ?? '').split('\n'))
    .map((line) => line.trim());

/** The command lines a guide tells its reader to type: code blocks' lines that call the app. */
function commandLines(markdown: string, program: RegExp): string[][] {
  return codeLines(markdown)
    .filter((line) => program.test(line))
    .map((line) =>
      words(
        line
          .replace(program, '')
          .replace(/\s*>.*$/, '')
          .trim(),
      ),
    );
}

/** A guide's section, from its title to the next title of the same level or above. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + 1);
  const end = rest.slice(1).search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

describe('the deployment guide', () => {
  const text = guide('guide-deploiement.md');
  const lines = commandLines(text, /^chorus-pro-echanges(?:\.cmd)?\s+/);

  it('shows the command line', () => {
    expect(lines.length).toBeGreaterThan(5);
  });

  it.each(lines.map((words) => [words.join(' '), words]))(
    'names a command and options that exist: %s',
    (_line, words) => {
      expect(() => parse(words)).not.toThrow();
    },
  );

  it.each(lines.filter((words) => words[0] === 'fleet').map((words) => [words.join(' '), words]))(
    'names a fleet action with the options it takes, and its folder: %s',
    (_line, words) => {
      const { positionals, options } = parse(words);
      const action = actions.find((candidate) => candidate === positionals[0]);
      expect(action).toBeDefined();
      const allowed = ['user-data-dir', 'json', 'help', ...actionOptions[action ?? 'status']];
      expect(Object.keys(options).filter((option) => !allowed.includes(option))).toEqual([]);
      if (action !== 'sync' && action !== 'status') expect(positionals[1]).toMatch(/^(\\\\[^\\]+\\|[A-Z]:\\)/);
    },
  );

  it('walks through a fleet: the share, the accounts, create, pointer, members, assign, accept, renew, rotate', () => {
    const fleetActions = new Set(lines.filter((words) => words[0] === 'fleet').map((words) => words[1]));
    for (const action of [
      'create',
      'pointer',
      'members',
      'assign',
      'publish',
      'rotate-key',
      'remove-member',
      'sync',
      'status',
    ])
      expect(fleetActions.has(action), action).toBe(true);
    expect(lines.filter((words) => words[0] === 'accounts' || words[0] === 'configure').length).toBeGreaterThanOrEqual(
      6,
    );
    // The machine folder's rights, by SID, as the installer sets them (build/installer.nsh).
    expect(text).toContain(
      'icacls.exe "%ProgramData%\\Chorus Pro Echanges" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q',
    );
    // The share: members list and create in members/ and status/ only; CREATOR OWNER on files; OWNER RIGHTS.
    for (const folder of ['members', 'status'])
      expect(text).toContain(
        `icacls D:\\Partages\\chorus\\${folder} /grant CC\\Chorus-Postes:(WD) *S-1-3-0:(OI)(IO)M *S-1-3-4:(OI)(IO)M`,
      );
  });

  it('holds the sections the app’s messages name', () => {
    for (const heading of [
      '### Le dossier de la machine',
      '### Le pointeur de parc du poste',
      '## Préconfigurer tous les postes : le profil de machine',
    ])
      expect(text).toContain(`\n${heading}\n`);
  });

  it('links to the user guide', () => {
    expect(text).toContain('(guide-utilisateur.md)');
  });

  it('writes the task file with show-xml --output (UTF-16, what install registers), never by redirecting its output', () => {
    const showXml = lines.filter((line) => line[0] === 'schedule' && line[1] === 'show-xml');
    expect(showXml.length).toBeGreaterThan(0);
    for (const line of showXml) expect(line).toContain('--output');
    expect(codeLines(text).filter((line) => /show-xml.*>/.test(line))).toEqual([]);
    // And says how a group policy truly uses it: a logon script's schtasks /Create /XML.
    expect(codeLines(text).some((line) => line.startsWith('schtasks /Create /TN ') && line.includes(' /XML '))).toBe(
      true,
    );
    expect(text).not.toMatch(/Importez-la dans une GPO/);
  });

  it('shows the commands several accounts need where it speaks of them: accounts add and rename, export-profile --all', () => {
    const has = (...start: string[]) => lines.some((line) => start.every((word, index) => line[index] === word));
    expect(has('accounts', 'add')).toBe(true);
    expect(has('accounts', 'rename')).toBe(true);
    expect(
      lines.some((line) => line[0] === 'export-profile' && line.includes('--all') && line.includes('--with-secrets')),
    ).toBe(true);
  });

  it('says how to uninstall and wipe: forget --all --confirm, in a section of its own', () => {
    const wipe = section(text, 'Désinstaller et effacer');
    expect(commandLines(wipe, /^chorus-pro-echanges(?:\.cmd)?\s+/)).toContainEqual(['forget', '--all', '--confirm']);
    expect(wipe).toContain('désinstallateur');
  });

  it('gives the command line’s exit statuses as the command line has them, 3 included', () => {
    expect(text).toContain('3 (`test --all`)');
  });
});

describe('the user guide', () => {
  const text = guide('guide-utilisateur.md');
  // The guide is written with plain spaces; the screen's messages have non-breaking ones.
  const plain = (words: string) => words.replace(/[\u00a0\u202f]/g, ' ');
  const quoted = [...plain(text).matchAll(/« ([^»]+?) »/g)].map((match) => (match[1] ?? '').replace(/…$/, '').trim());

  it.each(failureCodes.map((code) => [code]))('says what to do when the screen shows the message of %s', (code) => {
    const message = plain(failureMessages[code]);
    expect(quoted.some((start) => start.length >= 12 && message.startsWith(start))).toBe(true);
  });

  it('takes the usual renewal first: the new password typed in « Mot de passe », then « Test de connexion »', () => {
    const renewal = section(text, 'Renouveler le mot de passe du compte technique');
    const firstSteps = renewal
      .split('\n')
      .filter((line) => /^\d\. /.test(line))
      .slice(0, 2)
      .join(' ');
    expect(firstSteps).toMatch(/^1\. Tapez le nouveau mot de passe dans le champ \*\*Mot de passe\*\*/);
    expect(firstSteps).toContain('**Test de connexion**');
    expect(renewal).not.toContain('avec le mot de passe actuel.\n2. Quand le test a réussi');
    // The words it quotes are the screen's own.
    const screen =
      readFileSync(join(root, 'renderer/src/ConnectionBlock.tsx'), 'utf8') +
      readFileSync(join(root, 'main/failures/screen-wording.ts'), 'utf8');
    expect(screen).toContain('Test de connexion');
    expect(screen).toContain('Saisissez ici le nouveau mot de passe');
  });

  it('quotes a different start for each message: the reader finds the one on the screen', () => {
    const starts = failureCodes.map(
      (code) =>
        quoted
          .filter((start) => start.length >= 12 && plain(failureMessages[code]).startsWith(start))
          .sort((a, b) => b.length - a.length)[0],
    );
    expect(new Set(starts).size).toBe(failureCodes.length);
  });

  it('shows only pictures that exist', () => {
    const pictures = [...text.matchAll(/\]\((screenshots\/[^)]+\.png)\)/g)].map((match) => match[1] ?? '');
    expect(pictures.length).toBeGreaterThan(2);
    for (const picture of pictures) expect(() => readFileSync(join(root, 'docs', picture))).not.toThrow();
  });
});
