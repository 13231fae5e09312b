import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from './simulator/fixture';
import { startSimulator } from './simulator/simulator';
import { keychainOnThisMachine, screen, screenshot } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

test('the extra authority is chosen in a main-process dialog, and then the HTTPS test succeeds', async ({ launch }) => {
  const https = await startSimulator({ fixture: loadFixture(), tls: true });
  try {
    const caFile = join(tempDir(), 'autorite.pem');
    writeFileSync(caFile, https.caPem!);
    const { page } = await launch({ ...(await seedProfile({ apiBaseUrl: https.url, tokenUrl: https.tokenUrl })), fileToChoose: caFile });
    const ui = screen(page);
    await ui.testButton.click();
    await expect(ui.alert).toContainText("Le certificat présenté par le serveur n'est pas reconnu");

    await ui.advanced.click();
    await page.getByRole('button', { name: 'Choisir…' }).click();
    // Kept as a private copy in the app's folder, named after its content.
    await expect(page.getByLabel("Certificat d'autorité")).toHaveValue(/autorite-[0-9a-f]{16}\.pem$/);
    // A client secret serves the route it was stored for: entered again for this authority.
    await ui.clientSecret.fill(demo.clientSecret);
    await ui.saveSecret.click();
    await expect(page.getByText(`Secret client enregistré dans ${keychainOnThisMachine}.`)).toBeVisible();
    await ui.testButton.click();
    await expect(ui.success).toBeVisible();
  } finally {
    await https.close();
  }
});

for (const scale of [1, 1.25, 1.5]) {
  test(`usable on an 800×600 screen at ${scale * 100} % scaling (CSS viewport 800/${scale}): nothing cut, nothing to scroll sideways`, async ({ launch, simulator }) => {
    const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
    const ui = screen(page);
    await page.setViewportSize({ width: Math.round(800 / scale), height: Math.round(600 / scale) });
    await ui.testButton.click();
    await expect(ui.success).toBeVisible();
    await ui.advanced.click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const control of [ui.testButton, ui.renew, ui.structuresButton, ui.saveSecret]) {
      const box = await control.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 800 / scale).toBe(true);
    }
    // Every visible field keeps room for its content: a usable width, and its placeholder whole.
    const fields = await page.evaluate(() => {
      const measure = document.createElement('canvas').getContext('2d')!;
      return [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input:not([type=checkbox]), select')]
        .filter((field) => field.getClientRects().length > 0 && getComputedStyle(field).visibility !== 'hidden')
        .map((field) => {
          const style = getComputedStyle(field);
          measure.font = style.font;
          const placeholder = field instanceof HTMLInputElement ? field.placeholder : '';
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          return {
            field: field.id,
            width: Math.round(field.clientWidth),
            placeholderCut: Math.ceil(measure.measureText(placeholder).width + padding) > field.clientWidth,
          };
        });
    });
    expect(fields.length).toBeGreaterThan(8);
    expect(fields.filter((field) => field.width < 160 || field.placeholderCut)).toEqual([]);
    if (scale === 1.5) await screenshot(page, '10-800x600-150pc');
  });
}
