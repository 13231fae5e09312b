// app.requestSingleInstanceLock() as Electron does it on Linux: a lock and a socket in the
// user-data folder; a second instance hands its command line to the first, synchronously, then
// gets `false`. The files go when the process that holds the lock exits.
import { execFileSync } from 'node:child_process';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Run by the second instance in a child of its own, so that the hand-over is synchronous.
const handOver = `
const socket = require('node:net').connect(process.argv[1], () => socket.write(process.argv[2]));
socket.on('data', () => socket.end());
socket.on('error', () => process.exit(1));
`;

export function acquireSingleInstanceLock(
  userDataDir: string,
  onSecondInstance: (argv: string[], workingDirectory: string) => void,
): boolean {
  const lock = join(userDataDir, 'SingletonLock');
  const socketPath = join(userDataDir, 'SingletonSocket');
  // The lock appears whole, with its holder's pid, or not at all (a hard link never half-exists).
  const candidate = `${lock}.${process.pid}`;
  writeFileSync(candidate, String(process.pid));
  try {
    linkSync(candidate, lock);
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      rmSync(candidate, { force: true });
      execFileSync(
        process.execPath,
        ['-e', handOver, socketPath, JSON.stringify({ argv: process.argv, cwd: process.cwd() })],
        { timeout: 10_000 },
      );
      return false;
    }
    // Left by a process that died: take it over.
    rmSync(socketPath, { force: true });
    rmSync(lock, { force: true });
    linkSync(candidate, lock);
  } finally {
    rmSync(candidate, { force: true });
  }
  const server = createServer((connection) => {
    connection.setEncoding('utf8');
    let text = '';
    connection.on('data', (chunk: string) => {
      text += chunk;
      try {
        const { argv, cwd } = JSON.parse(text) as { argv: string[]; cwd: string };
        onSecondInstance(argv, cwd);
        connection.end('ok');
      } catch {
        // The message is not whole yet.
      }
    });
  });
  server.listen(socketPath);
  server.unref();
  process.on('exit', () => {
    rmSync(socketPath, { force: true });
    rmSync(lock, { force: true });
  });
  return true;
}
