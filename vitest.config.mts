import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // One process per file: keychain tests need their own D-Bus connection state.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
