import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import Ajv from 'ajv';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';

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
      config: { electronDist, directories: { output: join(out, 'release') }, npmRebuild: false, electronFuses: null } satisfies Configuration,
    });
    const resources = join(out, 'release', 'linux-unpacked', 'resources');
    const packed = listPackage(join(resources, 'app.asar'), { isPack: false }).map((path) => path.replaceAll('\\', '/'));
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
    for (const built of ['/dist/main/index.js', '/dist/main/cli.js', '/dist/main/cli-commands.js', '/dist/preload/index.js', '/dist/renderer/index.html']) expect(packed).toContain(built);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  }, 240_000);

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
