// The README and the guides name files and link to each other: a move that forgets them fails
// here, not in a newcomer's hands. The developer guide is one short file a topic under
// docs/developer/, indexed by docs/developer-guide.md: each stays short, and says only what exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const markdownIn = (folder: string): string[] =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${folder}/${name}`);
const developerTopics = markdownIn('docs/developer');
const developerIndex = 'docs/developer-guide.md';
const developerDocuments = [developerIndex, ...developerTopics];
const documents = ['README.md', ...markdownIn('docs'), ...developerTopics];
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const trackedNames = new Set(tracked.map((file) => basename(file)));

/** The most lines a file of the developer guide may have: a topic that grows past it is two topics. */
const maxDeveloperGuideLines = 300;

/** Markdown without its fenced code blocks (a `#` comment in a shell block is not a heading). */
const withoutCode = (text: string): string => text.replace(/^```[\s\S]*?^```$/gm, '');

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutCode(text).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = match[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${String(count)}`);
  }
  return anchors;
}

describe.each(documents)('%s', (document) => {
  const text = readFileSync(join(root, document), 'utf8');
  const isDeveloperDocument = developerDocuments.includes(document);

  it('names only files and folders of this repository that exist', () => {
    const named = [
      ...text.matchAll(/`((?:common|main|preload|renderer|e2e|scripts|test|docs|build|\.ci)\/[^`\s:*<>{}…]+)`/g),
    ];
    // The developers' documents do name files; the French guides need not.
    if (document === 'README.md') expect(named.length).toBeGreaterThan(2);
    if (developerTopics.includes(document)) expect(named.length).toBeGreaterThan(0);
    const missing = named
      .filter((match) => !existsSync(join(root, match[1]!)))
      .map((match) => `${String(lineOf(text, match.index))}: ${match[1]!}`);
    expect(missing).toEqual([]);
  });

  it.runIf(isDeveloperDocument)(
    'names by its bare name only source files that exist somewhere in the repository',
    () => {
      const named = [...text.matchAll(/`([\w.-]+\.(?:ts|tsx|mjs|sh|nsh|cmd))`/g)];
      const missing = named
        .filter((match) => !trackedNames.has(match[1]!))
        .map((match) => `${String(lineOf(text, match.index))}: ${match[1]!}`);
      expect(missing).toEqual([]);
    },
  );

  it('lists only folders and files that exist in its layout trees (a fenced block with no language)', () => {
    const trees = [...text.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
    const listed = trees.flatMap((tree) =>
      [...tree.matchAll(/^((?:common|main|preload|renderer|e2e|scripts|test|docs)\/\S*)/gm)].map((match) => match[1]!),
    );
    if (document === 'docs/developer/architecture.md') expect(listed.length).toBeGreaterThan(5);
    expect(listed.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('links only to files that exist, and to headings they have', () => {
    const links = [...text.matchAll(/\]\((?!https?:|mailto:)([^)\s#]*)(?:#([^)\s]*))?\)/g)];
    const broken = links.flatMap((match) => {
      const target = match[1] ? normalize(join(dirname(document), match[1])) : document;
      const where = `${String(lineOf(text, match.index))}: ${match[0]}`;
      if (!existsSync(join(root, target))) return [where];
      const anchor = match[2];
      if (anchor === undefined || !target.endsWith('.md')) return [];
      return anchorsOf(readFileSync(join(root, target), 'utf8')).has(decodeURIComponent(anchor)) ? [] : [where];
    });
    expect(broken).toEqual([]);
  });

  it.runIf(isDeveloperDocument)(`stays under ${String(maxDeveloperGuideLines)} lines`, () => {
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(maxDeveloperGuideLines);
  });
});

describe('the developer guide', () => {
  const index = readFileSync(join(root, developerIndex), 'utf8');

  it('is split into topics under docs/developer/, each linked from its index', () => {
    expect(developerTopics.length).toBeGreaterThan(5);
    const linked = new Set(
      [...index.matchAll(/\]\((developer\/[\w-]+\.md)(?:#[^)]*)?\)/g)].map((match) => `docs/${match[1]!}`),
    );
    expect(developerTopics.filter((topic) => !linked.has(topic))).toEqual([]);
  });

  it('keeps no dated journal: a date stands in a sentence, never as a heading', () => {
    const datedHeadings = developerDocuments.flatMap((document) =>
      [...withoutCode(readFileSync(join(root, document), 'utf8')).matchAll(/^#+ .*\d{2}\/\d{2}\/\d{4}.*$/gm)].map(
        (match) => `${document}: ${match[0]}`,
      ),
    );
    expect(datedHeadings).toEqual([]);
  });

  it('is where comments of the code and the configuration point: every docs/… file they name exists', () => {
    const sources = tracked.filter(
      (file) =>
        existsSync(join(root, file)) &&
        /^(?:common|main|preload|renderer|e2e|scripts|test)\/.*\.(?:ts|tsx|mjs|sh)$|^electron-builder\.yml$|^\.ci\//.test(
          file,
        ),
    );
    const missing = sources.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\bdocs\/[\w/-]+\.md\b/g)]
        .filter((match) => !existsSync(join(root, match[0])))
        .map((match) => `${file}: ${match[0]}`),
    );
    expect(missing).toEqual([]);
  });
});
