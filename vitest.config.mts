import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/remove-temp-dirs.ts'],
    // One process per file: keychain tests need their own D-Bus connection state.
    pool: 'forks',
    // Some tests spawn the command line a dozen times: generous on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
