// What every bench row uses: two things measured in turn, in one run, and their medians.

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};

/** Runs A and B in turn, `runs` times each, after one warm-up of each: noise falls on both alike. */
export async function alternate<T>(
  runs: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
): Promise<{ a: T[]; b: T[] }> {
  await a();
  await b();
  const results = { a: [] as T[], b: [] as T[] };
  for (let run = 0; run < runs; run += 1) {
    results.a.push(await a());
    results.b.push(await b());
  }
  return results;
}
