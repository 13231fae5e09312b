import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import Ajv from 'ajv';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';
import { machineFleetPath } from '../main/fleet/machine-pointer-path';
import { machineProfilePath } from '../main/profiles/machine-profile';
import { sddlVerdict } from '../main/windows/sddl-trust';
import { icaclsToSddl } from '../test/support/icacls-to-sddl';
import { parse as parseCommandLine } from '../main/cli/parser';

const root = join(__dirname, '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

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
      win: {
        target: [
          { target: 'nsis', arch: ['x64'] },
          { target: 'msi', arch: ['x64'] },
        ],
      },
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
    expect(config.files).toEqual(['dist/**/*', 'package.json', '!**/*.map', '!**/node_modules/!(keytar){,/**/*}']);
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/**/*.node']);
    // keytar is the one native module, loaded from node_modules; the other runtime libraries (PKI.js
    // and its asn1js among them) are bundled into dist/ and declared so that `npm audit --omit=dev` sees them.
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['asn1js', 'keytar', 'pkijs']));
  });

  // electron-builder packs for real here, with a stand-in for Electron's binary (it cannot be
  // downloaded) and without fuses (they are written into that binary): the files it packs are
  // the configuration's, whatever the platform.
  it('packs dist/ and package.json, and of node_modules only keytar, its .node unpacked (run `npm run build` first)', async () => {
    const out = tempDir('chorus-paquet-');
    const electronDist = join(out, 'electron');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      // electron-builder reads electron-builder.yml itself: only what differs here is given.
      config: {
        electronDist,
        directories: { output: join(out, 'release') },
        npmRebuild: false,
        electronFuses: null,
      } satisfies Configuration,
    });
    const resources = join(out, 'release', 'linux-unpacked', 'resources');
    const packed = listPackage(join(resources, 'app.asar'), { isPack: false }).map((path) =>
      path.replaceAll('\\', '/'),
    );
    expect(packed.filter((path) => !path.startsWith('/dist/'))).toEqual([
      '/node_modules',
      '/node_modules/keytar',
      '/node_modules/keytar/LICENSE.md',
      '/node_modules/keytar/lib',
      '/node_modules/keytar/lib/keytar.js',
      '/node_modules/keytar/package.json',
      '/node_modules/keytar/build',
      '/node_modules/keytar/build/Release',
      '/node_modules/keytar/build/Release/keytar.node',
      '/dist',
      '/package.json',
    ]);
    for (const built of [
      '/dist/main/index.js',
      '/dist/main/cli.js',
      '/dist/main/cli-commands.js',
      '/dist/preload/index.js',
      '/dist/renderer/index.html',
    ])
      expect(packed).toContain(built);
    expect(
      existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node')),
    ).toBe(true);
  }, 240_000);

  it('installs beside the executable a command shim that runs it with --cli and returns its exit code', () => {
    expect(config.extraFiles).toEqual([
      { from: 'build/windows/chorus-pro-echanges.cmd', to: 'chorus-pro-echanges.cmd' },
    ]);
    const shim = readFileSync(join(root, 'build/windows/chorus-pro-echanges.cmd'), 'utf8');
    // A batch file makes cmd.exe wait for the GUI program; %~dp0 is the shim's own folder.
    expect(shim.split('\r\n').filter((line) => !line.startsWith('rem '))).toEqual([
      '@echo off',
      'setlocal',
      '"%~dp0Chorus Pro Echanges.exe" --cli %*',
      'exit /b %ERRORLEVEL%',
      '',
    ]);
    expect(config.productName).toBe('Chorus Pro Echanges');
  });

  it('finds every file it would pack after a build (run `npm run build` first)', () => {
    for (const built of [
      manifest.main,
      'dist/main/cli.js',
      'dist/preload/index.js',
      'dist/preload/secret-prompt.js',
      'dist/renderer/index.html',
    ]) {
      expect(existsSync(join(root, built)), built).toBe(true);
    }
    expect(existsSync(join(root, 'node_modules/keytar/build/Release/keytar.node'))).toBe(true);
  });

  it('has the NSIS uninstaller remove the user’s daily check with the app’s own command line, never on an update', () => {
    expect((config.nsis as { include: string }).include).toBe('build/installer.nsh');
    const script = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
    const macro = /!macro customUnInstall\n([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    const code = macro
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith(';'));
    expect(code[0]).toBe('${ifNot} ${isUpdated}');
    expect(code.at(-1)).toBe('${endIf}');
    const exec = code.find((line) => line.startsWith('ExecWait '));
    expect(exec).toBe(`ExecWait '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" --cli schedule remove' $0`);
    // The words after --cli are a command the command line knows (its task name lives there only).
    const words = (exec ?? '')
      .replace(/^.*--cli /, '')
      .replace(/' \$0$/, '')
      .split(' ');
    expect(parseCommandLine(words)).toMatchObject({ command: 'schedule', positionals: ['remove'] });
    // electron-builder's own templates: the uninstall section inserts customUnInstall before the
    // files are deleted, and define isUpdated and APP_EXECUTABLE_FILENAME.
    const templates = join(root, 'node_modules/app-builder-lib/templates/nsis');
    const uninstaller = readFileSync(join(templates, 'uninstaller.nsh'), 'utf8');
    expect(uninstaller.indexOf('!insertmacro customUnInstall')).toBeGreaterThan(-1);
    expect(uninstaller.indexOf('!insertmacro customUnInstall')).toBeLessThan(uninstaller.indexOf('customRemoveFiles'));
    expect(readFileSync(join(templates, 'common.nsh'), 'utf8')).toContain(
      '!define APP_EXECUTABLE_FILENAME "${PRODUCT_FILENAME}.exe"',
    );
    // isUpdated is the `--updated` flag, which an update passes to the old version's uninstaller.
    const generator = join(root, 'node_modules/app-builder-lib/out/targets/nsis');
    expect(readFileSync(join(generator, 'NsisTarget.js'), 'utf8')).toMatch(/scriptGenerator\.flags\(\["updated",/);
    expect(readFileSync(join(templates, 'include/installUtil.nsh'), 'utf8')).toContain('StrCpy $0 "$0 --updated"');
  });
});

describe('the machine folder the NSIS installer creates (build/installer.nsh; not verified on Windows)', () => {
  const script = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
  const code = script.split(/\r?\n/).filter((line) => !line.trim().startsWith(';'));
  const icaclsCalls = code.filter((line) => line.includes('!insertmacro chorusMachineFolderIcacls '));
  const argumentsOf = (line: string): string => /chorusMachineFolderIcacls "([^"]*)"/.exec(line)?.[1] ?? '';

  it('is included by electron-builder, and only an installation for all users runs it', () => {
    expect((config.nsis as { include?: string }).include).toBe('build/installer.nsh');
    const body = script.slice(
      script.indexOf('!macro customInstall'),
      script.indexOf('!macroend', script.indexOf('!macro customInstall')),
    );
    expect(body.trim().split(/\r?\n/)[1]?.trim()).toBe('${if} $installMode == "all"');
    // The uninstaller never touches it (an upgrade must keep what the administrator dropped there):
    // its one step is the user's daily check (issue 34).
    expect(script).not.toMatch(/RMDir/);
    const uninstall = script.slice(
      script.indexOf('!macro customUnInstall'),
      script.indexOf('!macroend', script.indexOf('!macro customUnInstall')),
    );
    expect(uninstall).not.toMatch(/CHORUS_MACHINE_FOLDER_NAME|icacls|PROGRAMDATA/i);
  });

  it('is the folder where the app reads the machine profile and the fleet pointer', () => {
    const folderName = /!define CHORUS_MACHINE_FOLDER_NAME "([^"]+)"/.exec(script)?.[1];
    for (const path of [
      machineFleetPath({ PROGRAMDATA: 'C:\\ProgramData' }, 'win32'),
      machineProfilePath({ PROGRAMDATA: 'C:\\ProgramData' }, 'win32'),
    ]) {
      expect(path.split(/[\\/]/).slice(-2, -1)).toEqual([folderName]);
    }
    expect(code.join('\n')).toContain('ReadEnvStr $R0 PROGRAMDATA');
  });

  it('runs icacls by its full System32 path, on groups named by SID only', () => {
    expect(script).toContain('!define CHORUS_ICACLS "$WINDIR\\System32\\icacls.exe"');
    // Every other mention goes through that define (the message box only names the guide's commands).
    const bare = code
      .filter((line) => !line.includes('MessageBox'))
      .map((line) =>
        line
          .replaceAll('$WINDIR\\System32\\icacls.exe', '')
          .replaceAll('CHORUS_ICACLS', '')
          .replaceAll('chorusMachineFolderIcacls', ''),
      )
      .filter((line) => /icacls/i.test(line));
    expect(bare).toEqual([]);
    expect(code.join('\n')).toContain(`nsExec::ExecToLog '"\${CHORUS_ICACLS}" "$R0" \${ARGUMENTS}'`);
    // A translated name (BUILTIN\Utilisateurs, Administrateurs, Système) would not resolve everywhere.
    expect(icaclsCalls.map(argumentsOf).join(' ')).not.toMatch(
      /Users|Utilisateurs|Administrat|SYSTEM|Syst[eè]me|Everyone|Tout le monde/i,
    );
  });

  it('takes an existing folder back before setting SYSTEM and Administrators in full control and Users read-only', () => {
    const steps = icaclsCalls.map(argumentsOf);
    expect(steps).toEqual([
      '/setowner *S-1-5-32-544 /T /C /Q',
      '/reset /T /C /Q',
      '/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q',
    ]);
    // A failure is said, not ignored (silent installs answer it with OK).
    expect(code.join('\n')).toMatch(
      /MessageBox MB_OK\|MB_ICONEXCLAMATION "Les droits du dossier \$R0 n'ont pas pu être réservés aux administrateurs[^"]*" \/SD IDOK/,
    );
  });

  it('compiles with NSIS (makensis, warnings as errors) inside the frame electron-builder gives it: LogicLib and $installMode', () => {
    // Only compiled: running it needs Windows. The frame declares what electron-builder's templates do before the include.
    const dir = mkdtempSync(join(tmpdir(), 'chorus-nsis-'));
    try {
      const frame = join(dir, 'frame.nsi');
      writeFileSync(
        frame,
        [
          'Unicode true',
          '!include "LogicLib.nsh"',
          'Name "Chorus Pro Echanges"',
          `OutFile "${join(dir, 'frame.exe')}"`,
          'RequestExecutionLevel admin',
          'Var installMode',
          `!include "${join(root, 'build/installer.nsh')}"`,
          'Section',
          '  StrCpy $installMode "all"',
          '  !insertmacro customInstall',
          'SectionEnd',
          '',
        ].join('\n'),
      );
      const compiled = spawnSync('makensis', ['-V2', '-WX', '-INPUTCHARSET', 'UTF8', frame], { encoding: 'utf8' });
      expect(compiled.error, 'makensis introuvable : apt-get install nsis (README, Linux set-up)').toBeUndefined();
      expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
      expect(existsSync(join(dir, 'frame.exe'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the folder as the app’s trust check accepts it, where the default inheritance is refused', () => {
    const names: Record<string, string> = {
      'S-1-5-18': 'NT AUTHORITY\\SYSTEM',
      'S-1-5-32-544': 'BUILTIN\\Administrators',
      'S-1-5-32-545': 'BUILTIN\\Users',
    };
    const grants = [...(icaclsCalls.map(argumentsOf).at(-1) ?? '').matchAll(/\*(S-[\d-]+):((?:\([A-Z]+\))*)([A-Z]+)/g)];
    // What `icacls` would print for the folder afterwards (the form of OpenSSH's hardened ProgramData folder).
    const pad = ' '.repeat('C:\\ProgramData\\Chorus Pro Echanges '.length);
    const listing = grants
      .map(
        ([, sid = '', flags, rights], index) =>
          `${index === 0 ? 'C:\\ProgramData\\Chorus Pro Echanges ' : pad}${names[sid] ?? sid}:${flags}(${rights})`,
      )
      .join('\r\n');
    expect(listing).toContain('BUILTIN\\Users:(OI)(CI)(RX)');
    // Judged by the app's one rule (issue 29: owner and writers as SIDs), Administrators owning it after /setowner.
    expect(sddlVerdict(icaclsToSddl(listing, 'BA'))).toEqual({ trusted: true });
    expect(
      sddlVerdict(
        icaclsToSddl(
          readFileSync(join(root, 'test/windows-samples/icacls/S1-programdata-default-folder.en.txt'), 'utf8'),
          'BA',
        ),
      ).trusted,
    ).toBe(false);
  });
});
