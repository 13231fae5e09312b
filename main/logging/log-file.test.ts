import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';
import { createLogFileSink, logFolderName, redact } from './log-file';

describe('the support log file', () => {
  it('writes one JSON line per event and keeps at most three files of about 1 MB', () => {
    const dir = tempDir('chorus-log-');
    const sink = createLogFileSink(dir, () => new Date('2026-11-27T09:30:00Z'));
    const padding = 'x'.repeat(2_000);
    for (let index = 0; index < 2_000; index += 1)
      sink({ level: 'info', event: 'chorus.connection-test', fields: { code: 'OK', index, padding } });

    const files = readdirSync(join(dir, logFolderName)).sort();
    expect(files).toEqual(['chorus-pro-echanges.1.log', 'chorus-pro-echanges.2.log', 'chorus-pro-echanges.log']);
    const last =
      readFileSync(join(dir, logFolderName, 'chorus-pro-echanges.log'), 'utf8')
        .trim()
        .split('\n')
        .at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({
      time: '2026-11-27T09:30:00.000Z',
      level: 'info',
      event: 'chorus.connection-test',
      code: 'OK',
      index: 1_999,
    });
  });

  it('masks anything that looks like a secret, should a caller ever pass one', () => {
    expect(
      redact({
        code: 'OK',
        password: 'x',
        clientSecret: 'y',
        header: 'Bearer abc',
        'cpro-account': 'z',
        durationMs: 12,
      }),
    ).toEqual({
      code: 'OK',
      password: '[masqué]',
      clientSecret: '[masqué]',
      header: '[masqué]',
      'cpro-account': '[masqué]',
      durationMs: 12,
    });
  });
});
