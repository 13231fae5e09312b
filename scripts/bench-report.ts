// What `npm run bench -- --json FILE` writes: one row per measure, each a ratio measured side by
// side in one run against its target. The ids are fixed (the issue's rows, and those of the
// table of docs/developer/performance.md); a report with an id missing, repeated or unknown is
// refused rather than written half.
import { z } from 'zod';

export const benchRowIds = [
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
] as const;
export type BenchRowId = (typeof benchRowIds)[number];

/** The target of each row: the ratio it should not exceed. */
export const benchTargets: Readonly<Record<BenchRowId, number>> = {
  'cold-test': 1.1,
  'cold-test-verdict': 1.1,
  'warm-test': 1.1,
  'cli-test': 1.15,
  'cli-test-memory': 1.1,
  help: 1.3,
  'help-memory': 1.1,
  'headers-warm': 1.3,
  screen: 1.2,
  'screen-200-accounts': 1.1,
  'accounts-200-list': 1.1,
  'fleet-sync': 1.2,
  'fleet-report-1000': 1.3,
};

export const benchRowSchema = z.strictObject({
  id: z.enum(benchRowIds),
  ratio: z.number().positive(),
  target: z.number().positive(),
  detail: z.string().min(1),
});
export type BenchRow = z.infer<typeof benchRowSchema>;

export const benchReportSchema = z.array(benchRowSchema).check((context) => {
  const seen = context.value.map((row) => row.id);
  const missing = benchRowIds.filter((id) => !seen.includes(id));
  const repeated = seen.filter((id, index) => seen.indexOf(id) !== index);
  if (missing.length > 0 || repeated.length > 0) {
    context.issues.push({
      code: 'custom',
      input: context.value,
      message: `rangées manquantes : ${missing.join(', ') || 'aucune'} ; en double : ${repeated.join(', ') || 'aucune'}`,
    });
  }
});

/** The rows in the issue's order, checked whole. */
export function benchReport(rows: readonly BenchRow[]): BenchRow[] {
  const ordered = [...rows].sort((a, b) => benchRowIds.indexOf(a.id) - benchRowIds.indexOf(b.id));
  return benchReportSchema.parse(ordered);
}

/** The JSON file's text: the checked rows, one array. */
export const benchReportJson = (rows: readonly BenchRow[]): string => `${JSON.stringify(benchReport(rows), null, 2)}\n`;
