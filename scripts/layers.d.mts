import type { Linter } from 'eslint';

/** The core's layers, from the bottom up: folders of main/, `common`, and main/'s top-level files. */
export const layers: readonly (readonly string[])[];
/** The layer's name of a file (a path from the project's root), or undefined outside the layering. */
export function unitOf(path: string): string | undefined;
/** The lint's block: product files of main/ and common/ import only from their own layer or below. */
export const layeringConfig: Linter.Config;
