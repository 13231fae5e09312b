import { join } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');
export const rendererBuildDir = join(projectRoot, 'dist', 'renderer');
export const mainBuildEntry = join(projectRoot, 'dist', 'main', 'index.js');
