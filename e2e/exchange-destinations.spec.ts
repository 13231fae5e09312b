import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subMonths } from 'date-fns';
import { serverKeys } from '../test/support/server-keys';
import { tempDir } from '../test/support/temp-dirs';
import { expectAccessible, screen, screenshot } from './screen';
import { demo, savedSettings, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

// The accountant renews once, and the exchange software follows: a script and a server of the
// machine policy get the new password, the manual line waits for « Copier le mot de passe » and
// « Fait ». The policy, the program and the folders are written by the test, which runs as root
// (CI): an administrator's files.
const longAgo = subMonths(new Date(), 3);

function machine(policy: { readonly allowScripts?: boolean } = {}) {
  const root = tempDir('chorus-e2e-echanges-');
  const programs = join(root, 'programmes');
  const inbox = join(root, 'recus');
  const serverFolder = join(root, 'depot');
  for (const folder of [programs, inbox, serverFolder]) mkdirSync(folder, { mode: 0o755 });
  const script = join(programs, 'pousser-compta');
  writeFileSync(script, '#!/bin/sh\ncat > "$1/recu.json"\necho "base 2026 mise à jour"\n', { mode: 0o755 });
  const server = serverKeys({ folder: root });
  const policyFile = join(root, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      formatVersion: 1,
      destinations: [
        { name: 'Logiciel comptable', kind: 'script', command: script, args: [inbox] },
        { name: 'Tiers de télétransmission', kind: 'server', certificate: server.certificate, folder: serverFolder },
      ],
      ...policy,
    }),
  );
  return {
    policyFile,
    received: () => readdirSync(inbox).map((file) => readFileSync(join(inbox, file), 'utf8')),
    serverFolder,
    server,
  };
}

test.skip(
  process.getuid?.() !== 0,
  "the machine policy and its program must be an administrator's: the tests run as root (CI)",
);

test('after a renewal: the script and the server get the new password, the manual line is copied from the main process and confirmed', async ({
  launch,
  simulator,
}) => {
  const policy = machine();
  const app = await launch({
    ...(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: longAgo })),
    machinePolicy: policy.policyFile,
  });
  const { page } = app;
  const ui = screen(page);
  const destinations = page.getByRole('list', { name: 'Destinations du mot de passe' });
  await page.getByLabel('Destination à reporter à la main').fill('Civil Net Finances — base 2026');
  await page.getByRole('button', { name: 'Ajouter la destination' }).click();
  await expect(destinations.getByRole('listitem')).toHaveText([
    /Civil Net Finances — base 2026 \(à reporter à la main\)\s: sera mis à jour au prochain mot de passe accepté par Chorus Pro/,
    /Logiciel comptable \(script du poste\)\s: sera mis à jour/,
    /Tiers de télétransmission \(serveur\)\s: sera mis à jour/,
  ]);

  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  const newPassword = simulator.resetPassword(demo.login);
  await ui.renew.click();
  await ui.newPassword.fill(newPassword);
  await ui.validate.click();
  await expect(ui.modal).toHaveCount(0);
  await expect(
    page.getByText('Nouveau mot de passe accepté par Chorus Pro : reportez-le dans chaque destination « à faire »'),
  ).toBeVisible();
  await expect(destinations.getByRole('listitem')).toHaveText([
    /Civil Net Finances — base 2026 .*\s: à faire/,
    /Logiciel comptable .*\s: à jour le/,
    /Tiers de télétransmission .*\s: à jour le/,
  ]);
  expect(JSON.parse(policy.received()[0] ?? '{}')).toMatchObject({
    password: newPassword,
    login: demo.login,
    account: 'Compte principal',
  });
  const [cms] = readdirSync(policy.serverFolder);
  const clear = policy.server.decrypt(join(policy.serverFolder, cms ?? ''));
  expect(JSON.parse(clear)).toMatchObject({ password: newPassword });
  await expectAccessible(page);
  await screenshot(page, '20-logiciel-d-echanges-a-faire');

  await destinations.getByRole('button', { name: 'Copier le mot de passe' }).click();
  await expect(page.getByText('Mot de passe copié pour « Civil Net Finances — base 2026 »')).toBeVisible();
  expect(await app.readClipboard()).toBe(newPassword);
  // The main process wrote it: the page never held it.
  expect(await page.content()).not.toContain(newPassword);
  await destinations.getByRole('button', { name: 'Fait' }).click();
  await expect(destinations.getByRole('listitem').first()).toHaveText(
    /Civil Net Finances — base 2026 .*\s: à jour le \d{2}\/\d{2}\/\d{4}/,
  );
  await expect(destinations.getByRole('button', { name: 'Fait' })).toHaveCount(0);
});

test('« Autoriser les scripts de ce poste à utiliser ce compte »: off by default, kept per account; the machine policy can forbid it', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
  const app = await launch(seeded);
  const allow = app.page.getByLabel('Autoriser les scripts de ce poste à utiliser ce compte');
  await expect(allow).toBeEnabled();
  await expect(allow).not.toBeChecked();
  // Checked once the main process kept it: the box shows what is saved, not what was clicked.
  await allow.click();
  await expect(allow).toBeChecked();
  expect(savedSettings(app.userDataDir).allowPrograms).toBe(true);
  await app.close({ keepData: true });

  const forbidding = machine({ allowScripts: false });
  const again = await launch({ ...seeded, machinePolicy: forbidding.policyFile });
  const forbidden = again.page.getByLabel('Autoriser les scripts de ce poste à utiliser ce compte');
  await expect(forbidden).toBeDisabled();
  await expect(forbidden).not.toBeChecked();
  await expect(again.page.getByText('Impossible sur ce poste : la stratégie de la machine interdit')).toBeVisible();
});
