// Part of `npm run bench` (scripts/bench.ts), in its own process: the screen's time to usable
// against a blank React page built by the same Vite, both in Debian's Chromium, reloads alternated.
// The harness carries the bridge over a Playwright binding (a CDP round trip Electron's IPC does not
// pay); that binding's own round trip, with an answer as large as the settings answer, is measured
// apart on an empty binding, so that scripts/bench.ts can take it out of the app's time.
// Prints one JSON line: the medians (ms from the start of navigation) and the run count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sirv from 'sirv';
import { build as viteBuild } from 'vite';
import { chromiumExecutable, launchInBrowser } from './harness/browser-target';
import { projectRoot as root } from './harness/paths';
import { alternate, median } from '../test/support/side-by-side';
import { usableAfterReload, usableProbe } from './bench-usable';

/** A blank React page with the same button, built by the same Vite, served on loopback. */
async function blankReactPage(workDir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const source = join(workDir, 'source');
  mkdirSync(source, { recursive: true });
  writeFileSync(
    join(source, 'index.html'),
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Vide</title></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(source, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<button type=\"button\">Test de connexion</button>);\n",
  );
  await viteBuild({
    root: source,
    base: './',
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: join(workDir, 'built'),
      emptyOutDir: true,
      target: 'chrome130',
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  });
  const files = sirv(join(workDir, 'built'), { dev: false, etag: false });
  const server = createServer((request, response) =>
    files(request, response, () => {
      response.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The empty binding's round trip from the page, answering `answerLength` characters: median. */
async function harnessRoundTrip(page: Page, answerLength: number): Promise<number> {
  const answer = 'x'.repeat(answerLength);
  await page.exposeBinding('__benchEmptyBinding', () => answer);
  const times = await page.evaluate(async () => {
    const call = (window as unknown as { __benchEmptyBinding: () => Promise<string> }).__benchEmptyBinding;
    const measured: number[] = [];
    for (let run = 0; run < 31; run += 1) {
      const started = performance.now();
      await call();
      measured.push(performance.now() - started);
    }
    return measured;
  });
  return median(times.slice(1));
}

async function main(): Promise<void> {
  // Inside the project, so that Vite finds react as the app does; removed at the end.
  const workDir = mkdtempSync(join(root, '.bench-screen-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'chorus-bench-screen-'));
  const blank = await blankReactPage(workDir).catch((error: unknown) => {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  });
  const app = await launchInBrowser({
    userDataDir,
    keychainService: `chorus-pro-bench-screen-${String(process.pid)}`,
    logLines: [],
    fileToChoose: undefined,
    fileToSave: undefined,
    machineProfile: undefined,
    machinePolicy: undefined,
  });
  try {
    await app.page.addInitScript({ content: usableProbe });
    const blankPage = await app.page.context().newPage();
    await blankPage.addInitScript({ content: usableProbe });
    await blankPage.goto(`${blank.origin}/index.html`);
    const runs = 15;
    const times = await alternate(
      runs,
      () => usableAfterReload(app.page),
      () => usableAfterReload(blankPage),
    );
    const appMedian = median(times.a);
    const blankMedian = median(times.b);
    // Before it is usable the screen waits for one answer: getSettings (getAppInfo goes alongside,
    // renderer/src/App.tsx), so one binding round trip is the harness's.
    const settingsAnswer = await app.page.evaluate(async () => JSON.stringify(await window.chorus.getSettings()));
    const harness = await harnessRoundTrip(app.page, settingsAnswer.length);
    process.stdout.write(
      `${JSON.stringify({ runs, app: appMedian, blank: blankMedian, harness, harnessRoundTrips: 1, browser: chromiumExecutable })}\n`,
    );
  } finally {
    await app.close();
    await blank.close();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
