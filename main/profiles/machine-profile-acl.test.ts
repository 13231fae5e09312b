// Issue 29, S2 and S3: the machine-wide profile is trusted on Windows only when the file and every
// folder above it up to %ProgramData% are owned by SYSTEM, Administrators or TrustedInstaller and
// writable by nobody else, read as SIDs (SDDL), inherit-only entries apart, deny entries granting
// nothing. Checked on SDDL stand-ins written from Microsoft's documentation, on the published
// icacls listings said again in SDDL, and through the reader with a stand-in powershell.exe.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { createLogger, type LogLine } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import { aclScript, aclPathsVariable, readSddls } from '../windows/acl-reader';
import { consoleText } from '../windows/console-text';
import { sddlVerdict } from '../windows/sddl-trust';
import { icaclsToSddl } from '../../test/support/icacls-to-sddl';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { windowsSample } from '../../test/support/windows-samples';
import { machineProfileDistrust, pathsToCheck, windowsPathsTrust } from './machine-profile-trust';

const sddlSample = (name: string): string => readFileSync(windowsSample(`sddl/${name}`), 'utf8');
const reasonOf = (sddl: string): string | undefined => {
  const verdict = sddlVerdict(sddl);
  return verdict.trusted ? undefined : verdict.reason;
};

describe('the rule, on SDDL stand-ins written from Microsoft’s documentation', () => {
  it('trusts what only SYSTEM, Administrators and TrustedInstaller own and may write', () => {
    for (const name of [
      'D1f-programdata-default-file.sddl',
      'D2-hardened-by-guide-folder.sddl',
      'D2f-hardened-by-guide-file.sddl',
      'D5-deny-users-folder.sddl',
      'D8-trustedinstaller-folder.sddl',
    ]) {
      expect(reasonOf(sddlSample(name)), name).toBeUndefined();
    }
  });

  it('distrusts a folder under ProgramData with its default inheritance: Users may add files there', () => {
    expect(reasonOf(sddlSample('D1-programdata-default-folder.sddl'))).toBe(
      'BUILTIN\\Utilisateurs (S-1-5-32-545) peut le modifier',
    );
  });

  it('distrusts a folder a standard user planted, a named user’s write right, GENERIC_WRITE, a NULL DACL, a conditional grant', () => {
    expect(reasonOf(sddlSample('D3-planted-by-eve-folder.sddl'))).toBe(
      'il appartient à S-1-5-21-1882866539-4086113214-3650236343-1105, ni SYSTEM, ni Administrateurs, ni TrustedInstaller',
    );
    expect(reasonOf(sddlSample('D3o-planted-by-eve-owner-only-folder.sddl'))).toContain('il appartient à S-1-5-21-');
    expect(reasonOf(sddlSample('D4-named-user-write-folder.sddl'))).toBe(
      'S-1-5-21-1882866539-4086113214-3650236343-1105 peut le modifier',
    );
    expect(reasonOf(sddlSample('D6-generic-write-users-folder.sddl'))).toContain('BUILTIN\\Utilisateurs');
    expect(reasonOf(sddlSample('D7-null-dacl-folder.sddl'))).toContain('aucune liste de droits');
    expect(reasonOf(sddlSample('D9-conditional-everyone-folder.sddl'))).toBe(
      'Tout le monde (S-1-1-0) peut le modifier',
    );
  });

  it('refuses what it cannot read: no owner, a malformed entry', () => {
    expect(reasonOf('D:(A;;FA;;;SY)')).toBe('son propriétaire est illisible');
    expect(reasonOf('O:BAD:(A;;ZZ;;;SY)')).toBe('ses droits sont illisibles');
    expect(reasonOf('')).toBe('ses droits sont illisibles');
  });
});

describe('the rule, on the published icacls listings (real encodings) said again in SDDL', () => {
  const listing = (name: string): string => consoleText(readFileSync(windowsSample(`icacls/${name}`)), 850);
  const verdicts = Object.fromEntries(
    readdirSync(windowsSample('icacls'))
      .filter((name) => !name.endsWith('.fr.txt'))
      .map((name) => [name, reasonOf(icaclsToSddl(listing(name)))]),
  );

  it('reads the French captures from their CP850 bytes', () => {
    expect(listing('S7-fr-folder-users-ad-wd.fr.cp850.bin')).toContain('AUTORITE NT\\Système:(I)(OI)(CI)(F)');
  });

  it('gives each real folder and file its verdict', () => {
    expect(verdicts).toEqual({
      // An admin-created ProgramData folder: Users may add files (CI, not inherit-only): refused, and the guide says how to close it.
      'S1-programdata-default-folder.en.txt': 'BUILTIN\\Utilisateurs (S-1-5-32-545) peut le modifier',
      // CREATOR OWNER's entry is inherit-only: it does not apply to the folder.
      'S10-programfiles-style-folder.en.txt': undefined,
      'S2-admin-file.en.txt': undefined,
      'S4-hardened-admin-folder.en.txt': undefined,
      'S4f-hardened-admin-file.en.txt': undefined,
      // A named account with (F): refused (0.2.0 trusted it).
      'S5-named-user-write.en.txt': 'S-1-5-21-1882866539-4086113214-3650236343-1105 peut le modifier',
      'S5f-named-user-write-file.en.txt': 'S-1-5-21-1882866539-4086113214-3650236343-1105 peut le modifier',
      'S7-fr-folder-users-ad-wd.fr.cp850.bin': 'BUILTIN\\Utilisateurs (S-1-5-32-545) peut le modifier',
      'S8-fr-admin-file.fr.cp850.bin': undefined,
    });
  });
});

describe('what is checked', () => {
  it('the file and each folder up to %ProgramData%, which is not judged (every user may add folders to it)', () => {
    expect(pathsToCheck('C:\\ProgramData\\Chorus Pro Echanges\\profile.json', 'win32', 'C:\\ProgramData')).toEqual([
      'C:\\ProgramData\\Chorus Pro Echanges\\profile.json',
      'C:\\ProgramData\\Chorus Pro Echanges',
    ]);
    expect(pathsToCheck('C:\\programdata\\Mairie\\Chorus\\profile.json', 'win32', 'C:\\ProgramData')).toEqual([
      'C:\\programdata\\Mairie\\Chorus\\profile.json',
      'C:\\programdata\\Mairie\\Chorus',
      'C:\\programdata\\Mairie',
    ]);
    // Elsewhere (CHORUS_PRO_MACHINE_PROFILE), every folder up to the drive's root.
    expect(pathsToCheck('D:\\Deploiement\\Chorus\\profile.json', 'win32', 'C:\\ProgramData')).toEqual([
      'D:\\Deploiement\\Chorus\\profile.json',
      'D:\\Deploiement\\Chorus',
      'D:\\Deploiement',
    ]);
  });
});

/** A stand-in powershell.exe: answers each path with the SDDL kept beside it (`<path>.sddl`), or `-`. */
function powershellStandIn(dir: string): { path: string; args: () => string[] } {
  const path = join(dir, 'powershell.exe');
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${dir}/arguments'\nIFS='|'\nfor p in $${aclPathsVariable}; do if [ -f "$p.sddl" ]; then cat "$p.sddl"; else echo '-'; fi; done\n`,
  );
  chmodSync(path, 0o755);
  return { path, args: () => readFileSync(join(dir, 'arguments'), 'utf8').split('\n').slice(0, -1) };
}

/** %ProgramData% with the app's folder and profile, each given the SDDL of a stand-in. */
function programData(folderSddl: string, fileSddl: string, profile: object) {
  const root = tempDir('chorus-programdata-');
  const anchor = join(root, 'ProgramData');
  const folder = join(anchor, 'Chorus Pro Echanges');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  writeFileSync(`${folder}.sddl`, sddlSample(folderSddl));
  writeFileSync(`${file}.sddl`, sddlSample(fileSddl));
  return { root, anchor, file, powershell: powershellStandIn(root) };
}

const pirate = {
  profileVersion: 1,
  environment: 'custom',
  apiBaseUrl: 'https://chorus.pirate.example',
  tokenUrl: 'https://chorus.pirate.example/token',
  login: 'TECH_1_pirate@cpro.fr',
  alertDelayMonths: 12,
  timeoutSeconds: 30,
};
const noSecrets: SecretStore = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
};

function firstStartOnWindows(station: ReturnType<typeof programData>) {
  const logLines: LogLine[] = [];
  const services = selectedServices(
    createCoreServices({
      userDataDir: tempDir('chorus-premier-'),
      openSettingsBackend: openConfBackend,
      secrets: noSecrets,
      send: createHttpTransport(),
      clock: fixedClock('2026-12-02T08:00:00Z'),
      logger: createLogger((line) => logLines.push(line)),
      machineProfilePath: station.file,
      machineProfileTrust: (path) =>
        machineProfileDistrust(
          path,
          windowsPathsTrust({ powershell: station.powershell.path }),
          'win32',
          station.anchor,
        ),
    }),
  );
  return { services, logLines };
}

describe('reading the ACLs with PowerShell (a stand-in), the path as data', () => {
  it('passes the paths in an environment variable, never as an argument, and reads one SDDL a line', () => {
    const station = programData('D2-hardened-by-guide-folder.sddl', 'D2f-hardened-by-guide-file.sddl', pirate);
    const folder = join(station.anchor, 'Chorus Pro Echanges');
    expect(
      readSddls([station.file, folder, join(station.root, 'absent')], { powershell: station.powershell.path }),
    ).toEqual([
      sddlSample('D2f-hardened-by-guide-file.sddl').trim(),
      sddlSample('D2-hardened-by-guide-folder.sddl').trim(),
      undefined,
    ]);
    expect(station.powershell.args()).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', aclScript]);
    expect(aclScript).not.toContain(station.file);
    // A path that could end the list, and a PowerShell that cannot be started: unreadable, never trusted.
    expect(readSddls(['C:\\a|b'], { powershell: station.powershell.path })).toBeUndefined();
    expect(readSddls([station.file], { powershell: join(station.root, 'nowhere.exe') })).toBeUndefined();
  });

  it('refuses the issue’s planted folder at the first start: nothing applied, the reason kept for the screen and status', () => {
    const planted = firstStartOnWindows(
      programData('D3-planted-by-eve-folder.sddl', 'D2f-hardened-by-guide-file.sddl', pirate),
    );
    expect(planted.services.settings.read().apiBaseUrl).toBe('https://api.piste.gouv.fr');
    expect(planted.services.settings.machineProfileRefusal()).toMatch(
      /^Le profil de déploiement du poste \(.*profile\.json\) n'a pas été appliqué : le dossier .*Chorus Pro Echanges : il appartient à S-1-5-21-1882866539-4086113214-3650236343-1105, ni SYSTEM, ni Administrateurs, ni TrustedInstaller\. Votre service informatique peut le rendre sûr/u,
    );
    expect(planted.logLines).toContainEqual(expect.objectContaining({ event: 'profile.machine-untrusted' }));
  });

  it('refuses the folder an administrator created with ProgramData’s default inheritance, and applies it once hardened as the guide says', () => {
    const byDefault = firstStartOnWindows(
      programData('D1-programdata-default-folder.sddl', 'D1f-programdata-default-file.sddl', pirate),
    );
    expect(byDefault.services.settings.machineProfileRefusal()).toContain(
      'BUILTIN\\Utilisateurs (S-1-5-32-545) peut le modifier',
    );
    const hardened = firstStartOnWindows(
      programData('D2-hardened-by-guide-folder.sddl', 'D2f-hardened-by-guide-file.sddl', pirate),
    );
    expect(hardened.services.settings.read().apiBaseUrl).toBe('https://chorus.pirate.example');
    expect(hardened.services.settings.machineProfileRefusal()).toBeUndefined();
  });
});
