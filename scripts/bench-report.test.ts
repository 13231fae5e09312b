import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchReportJson, benchReportSchema, benchRowIds, benchTargets, type BenchRow } from './bench-report';

const row = (id: BenchRow['id']): BenchRow => ({ id, ratio: 1.05, target: benchTargets[id], detail: `mesure ${id}` });

describe('the JSON written by npm run bench -- --json FILE', () => {
  it('has exactly the rows the issue names, in that order', () => {
    expect(benchRowIds).toEqual([
      'cold-test',
      'cold-test-verdict',
      'warm-test',
      'cli-test',
      'cli-test-memory',
      'help',
      'help-memory',
      'headers-warm',
      'screen',
      'screen-200-accounts',
      'accounts-200-list',
      'fleet-sync',
      'fleet-report-1000',
    ]);
    const written = JSON.parse(benchReportJson([...benchRowIds].reverse().map(row))) as unknown;
    const rows = benchReportSchema.parse(written);
    expect(rows.map((entry) => entry.id)).toEqual([...benchRowIds]);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['detail', 'id', 'ratio', 'target']);
  });

  it('is refused, not written, with a row missing, repeated or unknown', () => {
    expect(() => benchReportJson(benchRowIds.filter((id) => id !== 'screen').map(row))).toThrow(/manquantes : screen/);
    expect(() => benchReportJson([...benchRowIds.map(row), row('help')])).toThrow(/en double : help/);
    expect(
      benchReportSchema.safeParse([...benchRowIds.map(row), { id: 'autre', ratio: 1, target: 1, detail: 'x' }]).success,
    ).toBe(false);
  });

  it('is what docs/developer/performance.md describes: each of its tables has every row, in order, with its target', () => {
    const guide = readFileSync(join(import.meta.dirname, '..', 'docs', 'developer', 'performance.md'), 'utf8');
    const tables = [...guide.matchAll(/^\| id \|.*(?:\n\|.*)*/gm)].map((match) => match[0]);
    expect(tables.length).toBe(2);
    for (const table of tables) {
      const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|.*\| ≤ (\d\.\d+) \|/gm)].map((match) => ({
        id: match[1],
        target: Number(match[2]),
      }));
      expect(rows).toEqual(benchRowIds.map((id) => ({ id, target: benchTargets[id] })));
    }
  });

  it('is what the bench produces: every id has a row in scripts/bench.ts', () => {
    const bench = readFileSync(join(import.meta.dirname, 'bench.ts'), 'utf8');
    const produced = [...bench.matchAll(/\brow\(\s*'([a-z0-9-]+)'/g)].map((match) => match[1]);
    expect(produced.sort()).toEqual([...benchRowIds].sort());
  });
});
