import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import type { AccountNotice, Notifier } from '../../main/cli/daily-check';
import { clearKeychainService } from '../../main/secrets/keytar-secret-store';
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
