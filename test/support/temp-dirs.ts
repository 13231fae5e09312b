import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const createdTempDirs: string[] = [];

/**
 * A fresh folder in the system's temporary folder, removed with the others by removeTempDirs():
 * after each test file for unit tests (remove-temp-dirs.ts), after each test for e2e (e2e/fixtures.ts).
 */
export function tempDir(prefix = 'chorus-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  createdTempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of createdTempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
