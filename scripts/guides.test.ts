import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureCodes } from '../preload/contract';
import { failureMessages } from '../main/failures/errors';
import { parse } from '../main/cli/parser';

const root = join(__dirname, '..');
const guide = (name: string): string => readFileSync(join(root, 'docs', name), 'utf8');

/** The command lines a guide tells its reader to type: code blocks' lines that call the app. */
function commandLines(markdown: string, program: RegExp): string[][] {
  const blocks = [...markdown.matchAll(/```(?:sh|cmd|powershell|bat)?\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => program.test(line))
    .map((line) => line.replace(program, '').replace(/\s*>.*$/, '').trim().split(/\s+/));
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

  it('links to the user guide', () => {
    expect(text).toContain('(guide-utilisateur.md)');
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

  it('quotes a different start for each message: the reader finds the one on the screen', () => {
    const starts = failureCodes.map((code) => quoted.filter((start) => start.length >= 12 && plain(failureMessages[code]).startsWith(start)).sort((a, b) => b.length - a.length)[0]);
    expect(new Set(starts).size).toBe(failureCodes.length);
  });

  it('shows only pictures that exist', () => {
    const pictures = [...text.matchAll(/\]\((screenshots\/[^)]+\.png)\)/g)].map((match) => match[1] ?? '');
    expect(pictures.length).toBeGreaterThan(2);
    for (const picture of pictures) expect(() => readFileSync(join(root, 'docs', picture))).not.toThrow();
  });
});
