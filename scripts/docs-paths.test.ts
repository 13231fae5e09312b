// The README and the guides name files and link to each other: a move that forgets them fails
// here, not in a newcomer's hands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

describe.each(documents)('%s', (document) => {
  const text = readFileSync(join(root, document), 'utf8');

  it('names only files and folders of this repository that exist', () => {
    const named = [...text.matchAll(/`((?:common|main|preload|renderer|e2e|scripts|test|docs|\.ci)\/[^`\s:*<>{}…]+)`/g)];
    // The developers' documents do name files; the French guides need not.
    if (document === 'README.md' || document === 'docs/developer-guide.md') expect(named.length).toBeGreaterThan(2);
    const missing = named.filter((match) => !existsSync(join(root, match[1]!))).map((match) => `${String(lineOf(text, match.index))}: ${match[1]!}`);
    expect(missing).toEqual([]);
  });

  it('lists only folders and files that exist in its layout trees (a fenced block with no language)', () => {
    const trees = [...text.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
    const listed = trees.flatMap((tree) => [...tree.matchAll(/^((?:common|main|preload|renderer|e2e|scripts|test|docs)\/\S*)/gm)].map((match) => match[1]!));
    if (document === 'docs/developer-guide.md') expect(listed.length).toBeGreaterThan(5);
    expect(listed.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\((?!https?:|mailto:|#)([^)\s#]+)(?:#[^)]*)?\)/g)];
    const missing = links.filter((match) => !existsSync(join(root, dirname(document), match[1]!))).map((match) => `${String(lineOf(text, match.index))}: ${match[1]!}`);
    expect(missing).toEqual([]);
  });
});
