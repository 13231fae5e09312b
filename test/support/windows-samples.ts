// The real Windows outputs others published, copied byte for byte into test/windows-samples/ (its
// README names each one's source), read in their real encodings.
import { join } from 'node:path';

export const windowsSamplesDir = join(__dirname, '..', 'windows-samples');
export const windowsSample = (path: string): string => join(windowsSamplesDir, path);
