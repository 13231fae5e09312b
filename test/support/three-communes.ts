import { expect } from 'vitest';
import { demoAccount } from './core-fixture';
import { tempDir } from './temp-dirs';

/** The command line as a test runs it (in its own process or in the test's), with what it reads on stdin. */
export type CommandLine = (
  args: readonly string[],
  stdin?: string,
) => Promise<{ readonly status: number | null; readonly stderr: string }>;

const communes = [
  { name: 'Compte principal', login: demoAccount.login, password: demoAccount.password },
  { name: 'Commune de Tréméreuc', login: 'TECH_3_sans_structure@cpro.fr', password: 'Sans-Structure-2026' },
  { name: 'SIVOM de la Rance', login: 'TECH_2_expire@cpro.fr', password: 'pas-le-bon' },
] as const;

export type CommuneName = (typeof communes)[number]['name'];

/** What a test adds, for one commune, to its `configure` and `set-password` commands. */
export interface CommuneOptions {
  readonly configure?: readonly string[];
  readonly setPassword?: readonly string[];
}

/**
 * Three communes in a fresh profile, configured on the simulator through the command line: the
 * profile's first account (the demo one), one with no structure, and one whose password Chorus Pro
 * refuses. Their passwords are kept without checking them. Returns the profile's folder.
 */
export async function configureThreeCommunes(
  cli: CommandLine,
  simulator: { readonly url: string; readonly tokenUrl: string },
  folderPrefix: string,
  options: Partial<Record<CommuneName, CommuneOptions>> = {},
): Promise<string> {
  const dir = tempDir(folderPrefix);
  for (const [index, commune] of communes.entries()) {
    const extra = options[commune.name] ?? {};
    if (index > 0) expect((await cli(['accounts', 'add', commune.name, '--user-data-dir', dir])).status).toBe(0);
    const account = ['--account', commune.name, '--user-data-dir', dir];
    expect(
      (
        await cli([
          'configure',
          '--url',
          simulator.url,
          '--token-url',
          simulator.tokenUrl,
          '--login',
          commune.login,
          '--client-id',
          demoAccount.clientId,
          ...(extra.configure ?? []),
          ...account,
        ])
      ).status,
    ).toBe(0);
    expect(
      (await cli(['set-client-secret', '--client-secret-stdin', ...account], demoAccount.clientSecret)).status,
    ).toBe(0);
    const stored = await cli(
      ['set-password', '--password-stdin', '--no-verify', ...(extra.setPassword ?? []), ...account],
      commune.password,
    );
    expect(stored.status, stored.stderr).toBe(0);
  }
  return dir;
}
