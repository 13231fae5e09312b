import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/remove-temp-dirs.ts'],
    // One process per file: keychain tests need their own D-Bus connection state.
    pool: 'forks',
    // Some tests spawn the command line a dozen times: generous on a loaded 2-core machine. At a
    // load average of 17–20 (five engineers' suites at once, 06/12/2026) one `tsx main/cli.ts
    // status` took 7–17 s, and such a test 60 s and more; alone, 38 s.
    testTimeout: 180_000,
  },
});
