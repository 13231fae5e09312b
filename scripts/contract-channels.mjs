// Reads the channel and event names out of the contract itself, for builds that must not bundle it.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function contractNames(root) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['preload/contract.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'chorus-contract-'));
  try {
    const file = join(dir, 'contract.cjs');
    writeFileSync(file, result.outputFiles[0].contents);
    const contract = createRequire(file)(file);
    return { channelNames: [...contract.channelNames], eventNames: [...contract.eventNames] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
