// The bundle target must fail when the shipped files are wrong: each test builds a deliberately
// broken copy of dist/ and shows the check that passes on the real build failing on the copy.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './harness/paths';
import {
  contractBridgeNames,
  exposedBridgeNames,
  recordedWebPreferences,
  secureWebPreferences,
} from './harness/shipped-expectations';
import { currentTarget } from './launch-app';
import { screen } from './screen';
import { expect, test } from './fixtures';

test.skip(currentTarget() !== 'bundle', 'the shipped bundles run with E2E_TARGET=bundle');

/** A copy of dist/ beside the project's node_modules (so that keytar resolves), with one file changed. */
function brokenCopy(folder: string, file: string, change: (text: string) => string): string {
  const distDir = join(folder, 'dist');
  cpSync(join(projectRoot, 'dist'), distDir, { recursive: true });
  const path = join(distDir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  // The break must really be in the copy, or this test would prove nothing.
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return distDir;
}

let folder: string;
test.beforeEach(({}, testInfo) => {
  folder = testInfo.outputPath('copie-cassee');
});
test.afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

test('a preload built without one channel is caught: the page lacks that function of the contract', async ({
  launch,
}) => {
  const distDir = brokenCopy(folder, 'preload/index.js', (text) =>
    text.replace('"openLogFolder"', '').replace(', ]', ']'),
  );
  const app = await launch({ distDir });
  await expect(screen(app.page).testButton).toBeVisible();

  const exposed = await exposedBridgeNames(app.page);
  expect(() => expect(exposed).toEqual(contractBridgeNames())).toThrow();
  expect(contractBridgeNames().filter((name) => !exposed.includes(name))).toEqual(['openLogFolder']);
});

test('a main bundle whose window has sandbox: false is caught: the recorded options are not the secure ones', async ({
  launch,
}) => {
  // Every window of the bundle (the screen's, and since issue 34 the command line's secret window).
  const distDir = brokenCopy(folder, 'main/index.js', (text) => text.replaceAll('sandbox: true', 'sandbox: false'));
  const app = await launch({ distDir });
  await expect(screen(app.page).testButton).toBeVisible();

  const recorded = recordedWebPreferences(app.standIn.records);
  expect(() => expect(recorded).toEqual(secureWebPreferences(distDir))).toThrow();
  expect(recorded).toMatchObject({ sandbox: false });
});

test('a main bundle that throws at start is caught: the launch fails with what the main process wrote', async ({
  launch,
}) => {
  const distDir = brokenCopy(folder, 'main/index.js', (text) => `throw new Error('bundle cassé');\n${text}`);
  await expect(launch({ distDir })).rejects.toThrow(/bundle cassé/);
});
