import { describe, expect, it } from 'vitest';
import { fleetReportArguments, fleetReportTaskName, sidOfWhoami } from './fleet-report-task';

describe("the publisher's report task", () => {
  it('is named per user, in the app’s folder of the Task Scheduler Library', () => {
    expect(fleetReportTaskName('S-1-5-21-1-2-3-1001')).toBe('Chorus Pro Echanges\\Rapport du parc - S-1-5-21-1-2-3-1001');
    expect(fleetReportArguments('\\\\serveur\\chorus')).toEqual(['--cli', 'fleet', 'report', '\\\\serveur\\chorus', '--notify']);
  });

  it("reads the SID from whoami's CSV line whatever the code page did to the user's name (no whoami sample in windows-samples: built as CP850 bytes)", () => {
    // "mairie\agent.comptabilité" written by whoami in CP850 (é is 0x82), read byte for byte.
    const line = Buffer.concat([Buffer.from('"mairie\\agent.comptabilit', 'latin1'), Buffer.from([0x82]), Buffer.from('","S-1-5-21-1882866539-4086113214-3650236343-1001"\r\n', 'latin1')]).toString('latin1');
    expect(sidOfWhoami(line)).toBe('S-1-5-21-1882866539-4086113214-3650236343-1001');
    expect(sidOfWhoami('"NT AUTHORITY\\SYSTEM","S-1-5-18"\r\n')).toBe('S-1-5-18');
    expect(sidOfWhoami('ERREUR : accès refusé')).toBeUndefined();
  });
});
