import { afterEach, describe, expect, it } from 'vitest';
import { frenchMoment } from './report-rows';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("the report's moments", () => {
  it("are the day and the time of the workstation's own time zone, both: a check at 23:30 UTC is the next day's 00:30 in Paris", () => {
    process.env.TZ = 'Europe/Paris';
    expect(frenchMoment('2026-12-05T23:30:00.000Z')).toBe('06/12/2026 00:30');
    expect(frenchMoment('2026-07-01T06:00:00Z')).toBe('01/07/2026 08:00');
  });
});
