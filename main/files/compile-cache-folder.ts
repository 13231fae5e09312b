/**
 * The folder of Node's compile cache for the command line (cli/compile-cache.ts), in the user's
 * data folder (not the temporary one, which other users of a shared machine can write to and which
 * cleaners empty): the folder `forget --all` removes with the settings.
 */
export const compileCacheFolderName = 'cache-compilation';
