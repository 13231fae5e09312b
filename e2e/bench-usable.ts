// What the screen benches measure, in the page's own clock: from the start of navigation until an
// enabled "Test de connexion" button exists. Measured inside the page, the harness's polling
// (Playwright's round trips to find the button) is not part of it.
import type { Page } from '@playwright/test';

/** Records when a "Test de connexion" button first exists, enabled, in the page's own clock. */
export const usableProbe = `
new MutationObserver((_changes, observer) => {
  const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent.trim() === 'Test de connexion');
  if (button && !button.disabled) {
    window.__usableAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true, attributes: true });
`;

/** Reloads `page` (which runs `usableProbe` at every load) and returns when it became usable. */
export async function usableAfterReload(page: Page): Promise<number> {
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined);
  return page.evaluate(() => (window as unknown as { __usableAt: number }).__usableAt);
}
