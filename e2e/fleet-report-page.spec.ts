// `fleet report --html FILE`: the page the IT person opens offline, looked at in Chromium — the
// table in colour, what the workstations wrote shown as text and never run. The page is made by
// the same functions the command line calls (main/cli/fleet-report-files.ts); the command line's
// own writing of it is in main/cli/fleet-report-cli.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, expect } from '@playwright/test';
import { reportHtml } from '../main/cli/fleet-report-files';
import { reportRows } from '../main/fleet/report-rows';
import type { FleetReport, ReportMember } from '../main/fleet/fleet-report';
import { IgnoredFiles } from '../main/fleet/ignored-files';
import { tempDir } from '../test/support/temp-dirs';
import { chromiumExecutable } from './harness/browser-target';
import { currentTarget } from './launch-app';
import { test } from './fixtures';

// The page is the same whatever runs the app: looked at once, on the browser target.
test.skip(currentTarget() !== 'browser', 'a static page: looked at on the browser target');

const seen = '2026-12-05T07:30:00.000Z';
const check = (ok: boolean, code: string | null = null) => ({ at: seen, ok, code });
const member = (
  id: string,
  name: string | null,
  machine: string,
  accounts: ReportMember['accounts'],
  state: ReportMember['state'] = 'reporting',
): ReportMember => ({
  id,
  name,
  declared: { machine, user: 'agent' },
  state,
  revision: 4,
  appVersion: '0.3.0',
  lastSeen: state === 'silent' ? '2026-12-01T07:30:00.000Z' : seen,
  statusProblem: null,
  accounts,
  toRevoke: [],
});
const account = (name: string, state: ReportMember['accounts'][number]['state'], lastCheck = check(true)) => ({
  name,
  state,
  lastCheck,
  dueOn: state === 'due' ? '2026-11-20' : null,
  expiresOn: '2027-01-18',
  localRenewal: false,
  disagreement: null,
});

const report: FleetReport = {
  fingerprint: 'ABCDEFGHJKMNPQRSTVWX',
  generatedAt: '2026-12-05T09:00:00.000Z',
  latestRevision: 4,
  latestPublishedAt: '2026-12-04T16:00:00.000Z',
  members: [
    member('AAAAAAAAAAAAAAAA', 'Mairie — accueil', 'PC-MAIRIE', [
      account('Commune de Lavaur', 'ok'),
      account("=cmd|' /C calc'!A0", 'failing', check(false, 'AUTH_REJECTED')),
    ]),
    member('BBBBBBBBBBBBBBBB', null, '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>', [
      account('SIVOM de la Rance', 'due'),
    ]),
    member('CCCCCCCCCCCCCCCC', 'École', 'PC-ECOLE', [], 'silent'),
  ],
  pending: [{ id: 'DDDDDDDDDDDDDDDD', machine: 'PC-MEDIA', user: 'media', phrase: 'abeille balcon cactus dauphin' }],
  pendingNotShown: 0,
  ignored: new IgnoredFiles(),
  warnings: [],
};

test('the fleet report page shows every workstation × account in colour, and what the workstations wrote only as text', async () => {
  const file = join(tempDir('chorus-rapport-page-'), 'parc.html');
  writeFileSync(
    file,
    reportHtml(report, reportRows(report), [
      'Urgent : un compte en échec, ou un poste sans nouvelles depuis plus de 2 jours.',
    ]),
  );
  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    args: ['--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await expect(page.getByRole('heading', { name: 'Parc de postes — rapport' })).toBeVisible();
    const rows = page.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText("=cmd|' /C calc'!A0");
    await expect(rows.nth(1)).toContainText('en échec : AUTH_REJECTED');
    await expect(rows.nth(2)).toContainText('à renouveler avant le 18/01/2027');
    await expect(rows.nth(3)).toContainText('pas de nouvelles depuis le 01/12/2026');
    // Colours by level: green, amber, red.
    const levelColour = (index: number) =>
      rows
        .nth(index)
        .locator('td')
        .nth(2)
        .evaluate((cell) => getComputedStyle(cell).backgroundColor);
    expect(await levelColour(0)).toBe('rgb(216, 240, 216)');
    expect(await levelColour(2)).toBe('rgb(255, 241, 194)');
    expect(await levelColour(1)).toBe('rgb(251, 213, 213)');
    // The declared name with markup is shown as typed; nothing of it ran, no image was made of it.
    await expect(rows.nth(2)).toContainText('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img, script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await expect(page.getByText('abeille balcon cactus dauphin')).toBeVisible();
  } finally {
    await browser.close();
  }
});
