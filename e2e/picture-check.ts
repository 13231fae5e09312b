// The guides' pictures checked against the screen (issue 34): each story's picture is compared with
// the committed one in docs/screenshots/, so a picture that no longer shows what the app shows
// fails the tests. What changes from one run to the next (the simulator's port, today's dates and
// times, elapsed seconds, temporary folders) is blanked in both before comparing.
import { tmpdir } from 'node:os';
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
 * apt installs a release apart. A changed word, a digit of the version, « mm/dd/yyyy » for
 * « jj/mm/aaaa » are hundreds of pixels (measured: see the developer guide, Screenshots).
 */
export const toleratedPixels = 40;
/** Colour distance under which two pixels are the same (pixelmatch's YIQ threshold; Playwright's default). */
export const pixelThreshold = 0.2;

/**
 * Where the page shows what changes from one run to the next, in the full page's coordinates: the
 * words themselves in the text (a Range around each), and whole fields whose value is one.
 */
export function varyingBoxes(page: Page): Promise<Box[]> {
  return page.evaluate((temporaryFolder) => {
    const escapedFolder = temporaryFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const patterns = [
      /(?:https?:\/\/)?127\.0\.0\.1:\d+\S*/g,
      /\b\d{2}\/\d{2}\/\d{4}(?: (?:à )?\d{2}:\d{2})?/g,
      /\b\d{4}-\d{2}-\d{2}\b/g,
      /\(\d+ s\)/g,
      /\b\d+ ms\b/g,
      new RegExp(`${escapedFolder}\\S*`, 'g'),
    ];
    const boxes: { x: number; y: number; width: number; height: number }[] = [];
    const add = (rect: DOMRect): void => {
      if (rect.width === 0 || rect.height === 0) return;
      boxes.push({ x: rect.left + window.scrollX - 2, y: rect.top + window.scrollY - 2, width: rect.width + 4, height: rect.height + 4 });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          for (const rect of range.getClientRects()) add(rect);
        }
      }
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      const value = field.value;
      const varies = patterns.some((pattern) => new RegExp(pattern.source).test(value)) || (field.type === 'date' && value !== '');
      if (varies) add(field.getBoundingClientRect());
    }
    return boxes;
  }, tmpdir());
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

export type PictureComparison = { readonly same: true; readonly differing: number } | { readonly same: false; readonly reason: string; readonly diff?: Buffer };

/** The committed picture against the one just taken, the varying boxes blanked in both. */
export function comparePictures(committed: Buffer, taken: Buffer, boxes: readonly Box[]): PictureComparison {
  const expected = PNG.sync.read(committed);
  const actual = PNG.sync.read(taken);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return { same: false, reason: `la page mesure ${actual.width}×${actual.height} pixels, l'image enregistrée ${expected.width}×${expected.height}` };
  }
  blank(expected, boxes);
  blank(actual, boxes);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: pixelThreshold, includeAA: false });
  if (differing <= toleratedPixels) return { same: true, differing };
  return { same: false, reason: `${differing} pixels diffèrent (${toleratedPixels} tolérés)`, diff: PNG.sync.write(diff) };
}
