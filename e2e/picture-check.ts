// The guides' pictures checked against the screen (issue 34): each story's picture is compared with
// the committed one in docs/screenshots/, so a picture that no longer shows what the app shows
// fails the tests — its text to the letter (kept in the picture), its pixels within a tolerance
// for fonts. What changes from one run to the next (the simulator's port, today's dates and times,
// elapsed seconds, temporary folders) is left out of both.
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import type { Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Pixels that may differ once the varying parts are blanked: none but anti-aliasing (pixelmatch
 * leaves anti-aliased pixels out, `includeAA: false`), and a few more for a Chromium that CI's
 * apt installs a release apart. What is drawn rather than written is caught above it: the date
 * field's « dd/mm/yyyy » for « jj/mm/aaaa » is 187 pixels (measured); words and digits are
 * compared as text.
 */
export const toleratedPixels = 40;
/** Colour distance under which two pixels are the same (pixelmatch's YIQ threshold; Playwright's default). */
export const pixelThreshold = 0.2;

// The screen's spaces are French typography's (U+00A0 between a number and its unit, issue 35):
// a pattern's space is either.
const space = '[ \\u00a0]';

/**
 * What changes from one run to the next, as regular expressions (sources, for the page): the
 * simulator's address and port, a day (with its time), an ISO day, elapsed seconds, durations,
 * a number of days, this run's temporary folder.
 */
const varyingPatterns = (temporaryFolder: string): string[] => [
  '(?:https?:\\/\\/)?127\\.0\\.0\\.1:\\d+\\S*',
  `\\b\\d{2}\\/\\d{2}\\/\\d{4}(?:${space}(?:à${space})?\\d{2}:\\d{2})?`,
  '\\b\\d{4}-\\d{2}-\\d{2}\\b',
  `\\(\\d+${space}s\\)`,
  `\\b\\d+${space}ms\\b`,
  // Days left: counted from dates a story sets some months back, whose length depends on today.
  `\\b\\d+${space}jours?\\b`,
  `${temporaryFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`,
];

/**
 * Where the page shows what changes from one run to the next, in the full page's coordinates: the
 * words themselves in the text (a Range around each), and whole fields whose value is one.
 */
export function varyingBoxes(page: Page): Promise<Box[]> {
  return page.evaluate((sources) => {
    const patterns = sources.map((source) => new RegExp(source, 'g'));
    const boxes: { x: number; y: number; width: number; height: number }[] = [];
    const add = (rect: DOMRect): void => {
      if (rect.width === 0 || rect.height === 0) return;
      boxes.push({
        x: rect.left + window.scrollX - 2,
        y: rect.top + window.scrollY - 2,
        width: rect.width + 4,
        height: rect.height + 4,
      });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          // To the end of its text: what follows a varying part of another length moves with it
          // (a temporary folder's name in proportional type wraps the rest of the line elsewhere).
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, text.length);
          for (const rect of range.getClientRects()) add(rect);
        }
      }
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      const value = field.value;
      const varies =
        sources.some((source) => new RegExp(source).test(value)) || (field.type === 'date' && value !== '');
      if (varies) add(field.getBoundingClientRect());
    }
    return boxes;
  }, varyingPatterns(tmpdir()));
}

/**
 * What the page says, exactly: its visible text and its fields' values and placeholders, what
 * varies from run to run written « ‹…› ». Kept in the picture (a PNG text chunk) and compared to
 * the letter: a changed word or version number fails whatever the fonts, where a few pixels would
 * not.
 */
export function pageText(page: Page): Promise<string> {
  return page.evaluate((sources) => {
    const patterns = sources.map((source) => new RegExp(source, 'g'));
    const steady = (text: string): string => patterns.reduce((result, pattern) => result.replace(pattern, '‹…›'), text);
    const fields = [
      ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
        'input, textarea, select',
      ),
    ].map((field) => {
      const label = field.id || field.getAttribute('aria-label') || field.tagName.toLowerCase();
      const value =
        field instanceof HTMLInputElement && field.type === 'password'
          ? field.value === ''
            ? ''
            : '•••'
          : field.type === 'date' && field.value !== ''
            ? '‹…›'
            : field.value;
      const placeholder = field instanceof HTMLSelectElement ? '' : field.placeholder;
      return `[${label}] ${steady(value)}${placeholder ? ` (${placeholder})` : ''}`;
    });
    const text = document.body.innerText
      .split('\n')
      .map((line) => steady(line).trim())
      .filter(Boolean);
    return [...text, ...fields].join('\n');
  }, varyingPatterns(tmpdir()));
}

/**
 * A picture's text as `pageText` writes it today: a picture taken before a pattern learnt a form
 * (French typography's spaces) has that varying part written out; it is made « ‹…› » here too.
 */
export function steadyText(text: string): string {
  const patterns = varyingPatterns(tmpdir()).map((source) => new RegExp(source, 'g'));
  return text
    .split('\n')
    .map((line) => patterns.reduce((result, pattern) => result.replace(pattern, '‹…›'), line))
    .join('\n');
}

const textKeyword = 'chorus-pro-echanges:texte-de-la-page';

/** The picture with the page's text in an iTXt chunk right after its header (UTF-8, uncompressed). */
export function withPageText(picture: Buffer, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(`${textKeyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]);
  const type = Buffer.from('iTXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const headerEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([picture.subarray(0, headerEnd), length, type, data, crc, picture.subarray(headerEnd)]);
}

/** The page's text a picture carries, if it carries one. */
export function pageTextOf(picture: Buffer): string | undefined {
  for (let at = 8; at + 8 <= picture.length;) {
    const length = picture.readUInt32BE(at);
    const type = picture.toString('latin1', at + 4, at + 8);
    const data = picture.subarray(at + 8, at + 8 + length);
    if (type === 'iTXt' && data.toString('latin1', 0, textKeyword.length) === textKeyword)
      return data.subarray(textKeyword.length + 5).toString('utf8');
    if (type === 'IEND') return undefined;
    at += 12 + length;
  }
  return undefined;
}

/** The first line where two texts part, both sides, for the message. */
export function firstDifference(committed: string, current: string): string {
  const before = committed.split('\n');
  const now = current.split('\n');
  const index = now.findIndex((line, position) => line !== before[position]);
  const at = index < 0 ? now.length : index;
  return `ligne ${at + 1} : l'image dit « ${before[at] ?? '(rien)'} », l'écran « ${now[at] ?? '(rien)'} »`;
}

function blank(image: PNG, boxes: readonly Box[]): void {
  for (const box of boxes) {
    const left = Math.max(0, Math.floor(box.x));
    const top = Math.max(0, Math.floor(box.y));
    const right = Math.min(image.width, Math.ceil(box.x + box.width));
    const bottom = Math.min(image.height, Math.ceil(box.y + box.height));
    for (let y = top; y < bottom; y += 1) {
      for (let x = left; x < right; x += 1) {
        const at = (y * image.width + x) * 4;
        image.data[at] = 255;
        image.data[at + 1] = 0;
        image.data[at + 2] = 255;
        image.data[at + 3] = 255;
      }
    }
  }
}

export type PictureComparison =
  | { readonly same: true; readonly differing: number }
  | { readonly same: false; readonly reason: string; readonly diff?: Buffer };

/** The committed picture against the one just taken, the varying boxes blanked in both. */
export function comparePictures(committed: Buffer, taken: Buffer, boxes: readonly Box[]): PictureComparison {
  const expected = PNG.sync.read(committed);
  const actual = PNG.sync.read(taken);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return {
      same: false,
      reason: `la page mesure ${actual.width}×${actual.height} pixels, l'image enregistrée ${expected.width}×${expected.height}`,
    };
  }
  blank(expected, boxes);
  blank(actual, boxes);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: pixelThreshold,
    includeAA: false,
  });
  if (differing <= toleratedPixels) return { same: true, differing };
  return {
    same: false,
    reason: `${differing} pixels diffèrent (${toleratedPixels} tolérés)`,
    diff: PNG.sync.write(diff),
  };
}
