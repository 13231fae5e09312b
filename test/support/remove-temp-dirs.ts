// Vitest setup file: every folder a test file made with tempDir() goes once the file is done,
// so that a run leaves the system's temporary folder as it found it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs';

afterAll(removeTempDirs);
