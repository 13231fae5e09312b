// Vitest setup file: every folder a test file made with tempDir() goes once the file is done,
// so that a run leaves the system's temporary folder as it found it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs';

// On a loaded machine, removing a fleet journey's folders once took longer than vitest's 10 s for a
// hook (06/12/2026): every test had passed, the file was marked failed.
afterAll(removeTempDirs, 60_000);
