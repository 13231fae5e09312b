import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { machineFleetPath } from '../main/fleet/machine-pointer-path';
import { machineProfilePath } from '../main/profiles/machine-profile';
import { windowsListingSecurity } from '../main/profiles/machine-profile-trust';

const root = join(__dirname, '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

describe('the Windows installer configuration', () => {
  it('is valid for electron-builder’s own schema (app-builder-lib/scheme.json)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('builds an assisted NSIS installer in French with the per-user or per-machine choice, and an MSI', () => {
    expect(config).toMatchObject({
      productName: 'Chorus Pro Echanges',
      publish: null,
      win: { target: [{ target: 'nsis', arch: ['x64'] }, { target: 'msi', arch: ['x64'] }] },
      nsis: { oneClick: false, perMachine: false, createStartMenuShortcut: true, installerLanguages: ['fr_FR'] },
      msi: { perMachine: true, createStartMenuShortcut: true },
    });
    expect((config.msi as { upgradeCode: string }).upgradeCode).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets the fuses that keep the shipped binary from being used as Node', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the built output, with keytar’s native module outside the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**/*', 'package.json', '!**/*.map']);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node']);
    expect(Object.keys(manifest.dependencies)).toEqual(['keytar']);
  });

  it('installs beside the executable a command shim that runs it with --cli and returns its exit code', () => {
    expect(config.extraFiles).toEqual([{ from: 'build/windows/chorus-pro-echanges.cmd', to: 'chorus-pro-echanges.cmd' }]);
    const shim = readFileSync(join(root, 'build/windows/chorus-pro-echanges.cmd'), 'utf8');
    // A batch file makes cmd.exe wait for the GUI program; %~dp0 is the shim's own folder.
    expect(shim.split('\r\n').filter((line) => !line.startsWith('rem '))).toEqual(['@echo off', 'setlocal', '"%~dp0Chorus Pro Echanges.exe" --cli %*', 'exit /b %ERRORLEVEL%', '']);
    expect(config.productName).toBe('Chorus Pro Echanges');
  });

  it('finds every file it would pack after a build (run `npm run build` first)', () => {
    for (const built of [manifest.main, 'dist/main/cli.js', 'dist/preload/index.js', 'dist/renderer/index.html']) {
      expect(existsSync(join(root, built)), built).toBe(true);
    }
    expect(existsSync(join(root, 'node_modules/keytar/build/Release/keytar.node'))).toBe(true);
  });
});

describe('the machine folder the NSIS installer creates (build/installer.nsh; not verified on Windows)', () => {
  const script = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
  const code = script.split(/\r?\n/).filter((line) => !line.trim().startsWith(';'));
  const icaclsCalls = code.filter((line) => line.includes('!insertmacro chorusMachineFolderIcacls '));
  const argumentsOf = (line: string): string => /chorusMachineFolderIcacls "([^"]*)"/.exec(line)?.[1] ?? '';

  it('is included by electron-builder, and only an installation for all users runs it', () => {
    expect((config.nsis as { include?: string }).include).toBe('build/installer.nsh');
    const body = script.slice(script.indexOf('!macro customInstall'), script.indexOf('!macroend', script.indexOf('!macro customInstall')));
    expect(body.trim().split(/\r?\n/)[1]?.trim()).toBe('${if} $installMode == "all"');
    // Nothing the uninstaller runs: an upgrade must keep what the administrator dropped there.
    expect(script).not.toMatch(/customUnInstall|RMDir/);
  });

  it('is the folder where the app reads the machine profile and the fleet pointer', () => {
    const folderName = /!define CHORUS_MACHINE_FOLDER_NAME "([^"]+)"/.exec(script)?.[1];
    for (const path of [machineFleetPath({ PROGRAMDATA: 'C:\\ProgramData' }, 'win32'), machineProfilePath({ PROGRAMDATA: 'C:\\ProgramData' }, 'win32')]) {
      expect(path.split(/[\\/]/).slice(-2, -1)).toEqual([folderName]);
    }
    expect(code.join('\n')).toContain('ReadEnvStr $R0 PROGRAMDATA');
  });

  it('runs icacls by its full System32 path, on groups named by SID only', () => {
    expect(script).toContain('!define CHORUS_ICACLS "$WINDIR\\System32\\icacls.exe"');
    // Every other mention goes through that define (the message box only names the guide's commands).
    const bare = code
      .filter((line) => !line.includes('MessageBox'))
      .map((line) => line.replaceAll('$WINDIR\\System32\\icacls.exe', '').replaceAll('CHORUS_ICACLS', '').replaceAll('chorusMachineFolderIcacls', ''))
      .filter((line) => /icacls/i.test(line));
    expect(bare).toEqual([]);
    expect(code.join('\n')).toContain(`nsExec::ExecToLog '"\${CHORUS_ICACLS}" "$R0" \${ARGUMENTS}'`);
    // A translated name (BUILTIN\Utilisateurs, Administrateurs, Système) would not resolve everywhere.
    expect(icaclsCalls.map(argumentsOf).join(' ')).not.toMatch(/Users|Utilisateurs|Administrat|SYSTEM|Syst[eè]me|Everyone|Tout le monde/i);
  });

  it('takes an existing folder back before setting SYSTEM and Administrators in full control and Users read-only', () => {
    const steps = icaclsCalls.map(argumentsOf);
    expect(steps).toEqual([
      '/setowner *S-1-5-32-544 /T /C /Q',
      '/reset /T /C /Q',
      '/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q',
    ]);
    // A failure is said, not ignored (silent installs answer it with OK).
    expect(code.join('\n')).toMatch(/MessageBox MB_OK\|MB_ICONEXCLAMATION "Les droits du dossier \$R0 n'ont pas pu être réservés aux administrateurs[^"]*" \/SD IDOK/);
  });

  it('leaves the folder as the app’s trust check accepts it, where the default inheritance is refused', () => {
    const names: Record<string, string> = { 'S-1-5-18': 'NT AUTHORITY\\SYSTEM', 'S-1-5-32-544': 'BUILTIN\\Administrators', 'S-1-5-32-545': 'BUILTIN\\Users' };
    const grants = [...(icaclsCalls.map(argumentsOf).at(-1) ?? '').matchAll(/\*(S-[\d-]+):((?:\([A-Z]+\))*)([A-Z]+)/g)];
    // What `icacls` would print for the folder afterwards (the form of OpenSSH's hardened ProgramData folder).
    const pad = ' '.repeat('C:\\ProgramData\\Chorus Pro Echanges '.length);
    const listing = grants.map(([, sid = '', flags, rights], index) => `${index === 0 ? 'C:\\ProgramData\\Chorus Pro Echanges ' : pad}${names[sid] ?? sid}:${flags}(${rights})`).join('\r\n');
    expect(listing).toContain('BUILTIN\\Users:(OI)(CI)(RX)');
    expect(windowsListingSecurity(listing)).toEqual({ ownerTrusted: true, writableByOthers: false });
    expect(windowsListingSecurity(readFileSync(join(root, 'test/windows-samples/icacls/S1-programdata-default-folder.en.txt'), 'utf8')).writableByOthers).toBe(true);
  });
});
