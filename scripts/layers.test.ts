// The layering rule refuses what it is there to refuse: a deliberate violation, linted with the
// very block eslint.config.mjs uses, is reported; the same import the other way is not.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layers, layeringConfig, unitOf } from './layers.mjs';

const root = join(__dirname, '..');
const linter = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { parser: tseslint.parser } }, layeringConfig],
});
const messagesOf = async (text: string, filePath: string): Promise<string[]> =>
  (await linter.lintText(text, { filePath: join(root, filePath) })).flatMap((result) =>
    result.messages.map((message) => message.message),
  );

describe('the layering lint', () => {
  it('refuses an import from a higher folder, type-only and dynamic ones included', async () => {
    expect(
      await messagesOf("import { createChorusClient } from '../chorus/chorus-client';\n", 'main/text/deliberate.ts'),
    ).toEqual([expect.stringContaining('text (layer 1) imports chorus (layer 3)')]);
    expect(await messagesOf("import type { CoreServices } from '../services';\n", 'main/chorus/deliberate.ts')).toEqual(
      [expect.stringContaining('chorus (layer 3) imports main/services.ts')],
    );
    expect(
      await messagesOf(
        "export const later = () => import('../../shell/windowed-app');\n",
        'main/cli/commands/deliberate.ts',
      ),
    ).toEqual([expect.stringContaining('cli (layer 6) imports shell (layer 7)')]);
  });

  it('sees every way of importing: a written-out template, a type query, import = require, require(), export * from main/', async () => {
    const higher = (from: string, to: string): unknown => expect.stringContaining(`${from}) imports ${to}`);
    expect(
      await messagesOf('export const later = () => import(`../chorus/chorus-client`);\n', 'main/text/deliberate.ts'),
    ).toEqual([higher('text (layer 1', 'chorus')]);
    expect(
      await messagesOf(
        "export type Client = import('../chorus/chorus-client').ChorusClient;\n",
        'main/text/deliberate.ts',
      ),
    ).toEqual([higher('text (layer 1', 'chorus')]);
    expect(
      await messagesOf(
        "import client = require('../chorus/chorus-client');\nexport { client };\n",
        'main/text/deliberate.ts',
      ),
    ).toEqual([higher('text (layer 1', 'chorus')]);
    expect(
      await messagesOf(
        "export const client: unknown = require('../chorus/chorus-client');\n",
        'main/text/deliberate.ts',
      ),
    ).toEqual([higher('text (layer 1', 'chorus')]);
    expect(await messagesOf("export * from '..';\n", 'main/chorus/deliberate.ts')).toEqual([
      higher('chorus (layer 3', 'main/index.ts'),
    ]);
  });

  it('refuses a computed path, a reach into renderer/ or test/, and the contract outside main/ipc/', async () => {
    expect(
      await messagesOf(
        "const name = 'chorus';\nexport const later = () => import(`../${name}/chorus-client`);\n",
        'main/cli/deliberate.ts',
      ),
    ).toEqual([expect.stringContaining('path is computed')]);
    expect(
      await messagesOf("import type { Failure } from '../../renderer/src/format';\n", 'main/cli/deliberate.ts'),
    ).toEqual([expect.stringContaining('outside the core')]);
    expect(
      await messagesOf("export type F = import('../../preload/contract').ChannelName;\n", 'main/cli/deliberate.ts'),
    ).toEqual([expect.stringContaining('imports the contract')]);
    expect(
      await messagesOf(
        "import { channels } from '../../preload/contract';\nexport { channels };\n",
        'main/ipc/deliberate.ts',
      ),
    ).toEqual([]);
  });

  it('lets a folder import from its own layer and below', async () => {
    expect(
      await messagesOf(
        "import { createChorusClient } from '../chorus/chorus-client';\nimport { plural } from '../text/plural';\n",
        'main/cli/deliberate.ts',
      ),
    ).toEqual([]);
    expect(await messagesOf("import { hostOf } from './hosts';\n", 'main/chorus/deliberate.ts')).toEqual([]);
  });

  it('places every folder of main/ (a new folder must be given its layer)', () => {
    const folders = readdirSync(join(root, 'main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const placed = new Set(layers.flat());
    expect(folders.filter((folder) => !placed.has(folder))).toEqual([]);
    expect(unitOf('main/chorus/chorus-client.ts')).toBe('chorus');
    expect(unitOf('main/services.ts')).toBe('main/services.ts');
  });
});
