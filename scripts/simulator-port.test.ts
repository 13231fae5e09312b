import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSimulatorPort } from '../e2e/simulator/simulator';
import { closedAfterEachTest } from '../test/support/closed-after-each';

const root = join(__dirname, '..');

function run(
  script: string,
  args: readonly string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Another program on the port: a server of our own, or whoever already holds it. */
async function occupy(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const closedAfterTest = closedAfterEachTest((server: Server) => new Promise((resolve) => server.close(resolve)));

describe('the simulator and the demo on a busy port', () => {
  it('npm run simulator says the port is taken and how to choose another, without a stack trace', async () => {
    const server = await occupy(0);
    closedAfterTest(server!);
    const port = (server!.address() as { port: number }).port;
    const result = await run('e2e/simulator/run.ts', ['--port', String(port)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Le port ${port} est déjà utilisé sur cet ordinateur`);
    expect(result.stderr).toContain('npm run simulator -- --port ');
    expect(result.stderr).not.toMatch(/EADDRINUSE|at .*\(/);
  });

  it('npm run demo takes a free port itself when the usual one is taken', async () => {
    const server = await occupy(demoSimulatorPort);
    if (server) closedAfterTest(server);
    const result = await run('scripts/demo.ts', ['--prepare-only']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const port = /npm run simulator -- --port (\d+)/.exec(result.stdout)?.[1];
    expect(port).toBeDefined();
    expect(Number(port)).not.toBe(demoSimulatorPort);
    // The prepared profile is the user's to launch; the test's goes.
    const profile = /Profil : (.+)/.exec(result.stdout)?.[1];
    expect(profile).toContain('chorus-pro-echanges-demo-');
    rmSync(profile!, { recursive: true, force: true });
  });
});
