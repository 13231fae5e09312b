import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { createHttpTransport } from '../../main/chorus/http-transport';
import type { AccountNotice, Notifier } from '../../main/daily-check/notices';
import { runCli } from '../../main/cli/run-cli';
import type { SchtasksRunner } from '../../main/schedule/daily-check-schedule';
import { clearKeychainService, createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import { fixedClock } from './settings-fixture';
import { tempDir } from './temp-dirs';

/** A workstation (a Windows user) for command-line tests: its own user-data folder and keychain namespace. */
export interface Station {
  readonly dir: string;
  readonly keychain: string;
}

/**
 * Workstations named `label`, each with a fresh folder (`chorus-<prefix>-<label>-…`) and keychain
 * namespace (`Chorus Pro Echanges (<prefix> <label> <uuid>)`); every namespace is cleared after
 * the test file.
 */
export function cliStations(prefix: string): (label: string) => Station {
  const namespaces: string[] = [];
  afterAll(() => Promise.all(namespaces.map((service) => clearKeychainService(service))));
  return (label) => {
    const keychain = `Chorus Pro Echanges (${prefix} ${label} ${randomUUID()})`;
    namespaces.push(keychain);
    return { dir: tempDir(`chorus-${prefix.replace(/\s+/g, '-')}-${label}-`), keychain };
  };
}

/** The desktop's notifications as a list: what the user would see, in order. */
export function recordingNotifier(): Notifier & { readonly shown: AccountNotice[] } {
  const shown: AccountNotice[] = [];
  return { shown, show: (notice) => shown.push(notice), settled: () => Promise.resolve() };
}

export interface StationRunOptions {
  readonly stdin?: string;
  readonly notifier?: Notifier;
  /** The workstation's clock (default: 04/12/2026 07:30 UTC). */
  readonly now?: string;
  /** As on Windows, with this Task Scheduler stand-in and this user's SID. */
  readonly windows?: { readonly run: SchtasksRunner; readonly sid: string };
}

/**
 * The real command line in this process, for one workstation (its folder, its keychain namespace),
 * on a fixed clock, with no machine profile nor machine fleet pointer.
 */
export async function stationCli(at: Station, args: readonly string[], options: StationRunOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli([...args, '--user-data-dir', at.dir], {
    print: (line) => out.push(line),
    warn: (line) => err.push(line),
    readSecret: () => Promise.resolve(options.stdin ?? ''),
    stdinIsTerminal: false,
    env: {
      ...process.env,
      CHORUS_PRO_KEYCHAIN_SERVICE: at.keychain,
      CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json',
      CHORUS_PRO_MACHINE_FLEET: '/nonexistent/flotte.json',
    },
    secretsFor: () => createKeytarSecretStore(at.keychain),
    send: createHttpTransport(),
    clock: fixedClock(options.now ?? '2026-12-04T07:30:00Z'),
    ...(options.notifier ? { notifier: options.notifier } : {}),
    ...(options.windows
      ? {
          platform: 'win32' as const,
          runSchtasks: options.windows.run,
          userSid: () => Promise.resolve(options.windows?.sid ?? ''),
          executablePath: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
        }
      : {}),
  });
  return {
    status,
    stdout: out.join('\n'),
    stderr: err.join('\n'),
    json: (out.length === 1 && out[0]?.startsWith('{') ? JSON.parse(out[0]) : {}) as Record<string, unknown>,
  };
}
