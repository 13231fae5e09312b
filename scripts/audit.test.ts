// Issue 29, S7: `npm run audit`, a step of `npm test`, fails on an advisory of level high or above
// for a package that ships, and only warns when the registry does not answer audits. A stand-in
// registry on loopback answers npm's own audit request (POST /-/npm/v1/security/advisories/bulk).
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';

const root = join(__dirname, '..');
const bulkPath = '/-/npm/v1/security/advisories/bulk';

interface Registry {
  readonly url: string;
  /** The package names npm asked advisories for. */
  readonly asked: () => readonly string[];
  close(): Promise<void>;
}

/** Answers the audit request as `answer` says; a package's metadata with its installed version. */
function standInRegistry(answer: { status: number; advisories?: Record<string, unknown[]> }): Promise<Registry> {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url?.startsWith(bulkPath)) {
        const body = Buffer.concat(chunks);
        asked.push(
          ...Object.keys(
            JSON.parse(
              (request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'),
            ) as object,
          ),
        );
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.status === 200 ? JSON.stringify(answer.advisories ?? {}) : '');
        return;
      }
      if (request.url === '/axios') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            name: 'axios',
            'dist-tags': { latest: '1.21.1' },
            versions: { '1.21.1': { name: 'axios', version: '1.21.1' } },
          }),
        );
        return;
      }
      response.writeHead(404);
      response.end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        asked: () => asked,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function audit(registry: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // A cache of its own: npm keeps the advisories it was given, and each test gives others.
    execFile(
      process.execPath,
      [join(root, 'scripts/audit.mjs'), '--registry', registry, '--cache', tempDir('chorus-npm-cache-')],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });
}

const highAdvisory = {
  axios: [
    {
      id: 1,
      url: 'https://github.com/advisories/GHSA-test-test-test',
      title: 'Avis de test',
      severity: 'high',
      vulnerable_versions: '<99.0.0',
      cwe: [],
      cvss: { score: 7.5, vectorString: null },
    },
  ],
};

describe('npm run audit', () => {
  it('asks about every package that ships (dependencies), not the tools of development', async () => {
    const registry = await standInRegistry({ status: 200 });
    try {
      const run = await audit(registry.url);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('aucune vulnérabilité de niveau élevé ou critique');
      for (const name of [
        'axios',
        'zod',
        'react',
        'react-dom',
        'age-encryption',
        'conf',
        'electron-store',
        'fast-xml-parser',
        'iconv-lite',
        'keytar',
      ])
        expect(registry.asked(), name).toContain(name);
      for (const name of ['vitest', 'electron', 'electron-builder', 'playwright'])
        expect(registry.asked(), name).not.toContain(name);
    } finally {
      await registry.close();
    }
  });

  it('fails on an advisory of level high, naming the package and saying what to do', async () => {
    const registry = await standInRegistry({ status: 200, advisories: highAdvisory });
    try {
      const run = await audit(registry.url);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('axios (high');
      expect(run.stderr).toContain('Avis de test https://github.com/advisories/GHSA-test-test-test');
      expect(run.stderr).toContain('Mettez ces paquets à jour');
    } finally {
      await registry.close();
    }
  });

  it('passes, saying the count, on an advisory below high', async () => {
    const registry = await standInRegistry({
      status: 200,
      advisories: { axios: [{ ...highAdvisory.axios[0], severity: 'moderate' }] },
    });
    try {
      const run = await audit(registry.url);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('(1 de niveau inférieur)');
    } finally {
      await registry.close();
    }
  });

  it('only warns when the registry does not answer audits (405, as a mirror does; 404), and goes on', async () => {
    for (const status of [405, 404]) {
      const registry = await standInRegistry({ status });
      try {
        const run = await audit(registry.url);
        expect(run.status, String(status)).toBe(0);
        expect(run.stderr).toContain("Audit des dépendances livrées NON FAIT : le registre n'a pas répondu à l'audit");
      } finally {
        await registry.close();
      }
    }
  });
});
