import { describe, expect, it } from 'vitest';
import { fleetReportArguments, fleetReportTaskName } from './fleet-report-task';

describe("the publisher's report task", () => {
  it('is named per user, in the app’s folder of the Task Scheduler Library', () => {
    expect(fleetReportTaskName('S-1-5-21-1-2-3-1001')).toBe(
      'Chorus Pro Echanges\\Rapport du parc - S-1-5-21-1-2-3-1001',
    );
    expect(fleetReportArguments('\\\\serveur\\chorus')).toEqual([
      '--cli',
      'fleet',
      'report',
      '\\\\serveur\\chorus',
      '--notify',
    ]);
  });
});
