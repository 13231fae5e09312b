import { test as base } from '@playwright/test';
import { launchApp, type LaunchedApp, type LaunchOptions } from './launch-app';

/** `launch` starts the app through launchApp and closes every app the test started. */
export const test = base.extend<{ launch: (options?: LaunchOptions) => Promise<LaunchedApp> }>({
  launch: async ({}, use) => {
    const launched: LaunchedApp[] = [];
    await use(async (options) => {
      const app = await launchApp(options);
      launched.push(app);
      return app;
    });
    for (const app of launched.reverse()) await app.close();
  },
});

export { expect } from '@playwright/test';
