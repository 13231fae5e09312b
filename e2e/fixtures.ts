import { test as base } from '@playwright/test';
import { currentTarget, launchApp, type LaunchedApp, type LaunchOptions } from './launch-app';
import { loadFixture } from './simulator/fixture';
import { startSimulator, type Simulator } from './simulator/simulator';
import { removeTempDirs } from '../test/support/temp-dirs';

interface Fixtures {
  /** Starts the app through launchApp; every app a test started is closed after it. */
  readonly launch: (options?: LaunchOptions) => Promise<LaunchedApp>;
  /** A fresh Chorus Pro simulator with the demo fixture. */
  readonly simulator: Simulator;
  /** After each test (and after its apps are closed), the folders it made with tempDir() go. */
  readonly removeTempDirs: undefined;
}

export const test = base.extend<Fixtures>({
  removeTempDirs: [
    async ({}, use) => {
      await use(undefined);
      removeTempDirs();
    },
    { auto: true },
  ],
  launch: async ({}, use) => {
    const launched: LaunchedApp[] = [];
    await use(async (options) => {
      const app = await launchApp(options);
      launched.push(app);
      return app;
    });
    for (const app of launched.reverse()) await app.close();
  },
  simulator: async ({}, use) => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    await use(simulator);
    await simulator.close();
  },
});

/**
 * For a test that reads the window's menu or the reminder schedule: both are wired in
 * main/shell/ only, so the bundle target runs that test and the browser target skips it.
 */
export const needsMainWiring = (): void => {
  test.skip(
    currentTarget() === 'browser',
    'le menu et le rappel quotidien sont câblés dans main/shell/windowed-app.ts : E2E_TARGET=bundle les exécute',
  );
};

export { expect } from '@playwright/test';
