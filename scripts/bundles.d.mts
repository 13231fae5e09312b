import type { BuildOptions } from 'esbuild';

/** The project's root folder. */
export const root: string;
/** Every esbuild bundle of dist/, as options for esbuild's build(). */
export function esbuildBundles(): Promise<BuildOptions[]>;
