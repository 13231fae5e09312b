import { describe, expect, it } from 'vitest';
import { parsePacAnswer, resolveProxy } from './proxy-resolution';

// This file runs in its own process: it may set the proxy variables of its environment.
process.env.HTTPS_PROXY = 'http://proxy.mairie.local:3128';
process.env.NO_PROXY = 'interne.mairie.local';

const noSystemProxy = () => Promise.resolve('DIRECT');

describe('the proxy for a Chorus Pro address', () => {
  it('is the explicit setting first', async () => {
    expect((await resolveProxy('https://api.piste.gouv.fr', 'http://autre-proxy:8080', noSystemProxy))?.href).toBe(
      'http://autre-proxy:8080/',
    );
  });

  it('is HTTPS_PROXY otherwise, except for the hosts NO_PROXY names', async () => {
    expect((await resolveProxy('https://api.piste.gouv.fr', undefined, noSystemProxy))?.host).toBe(
      'proxy.mairie.local:3128',
    );
    expect(await resolveProxy('https://interne.mairie.local/cpro', undefined, noSystemProxy)).toBeUndefined();
  });

  it('is never used for this machine (the simulator)', async () => {
    expect(await resolveProxy('http://127.0.0.1:8443', 'http://autre-proxy:8080', noSystemProxy)).toBeUndefined();
    expect(await resolveProxy('https://localhost:8443', undefined, noSystemProxy)).toBeUndefined();
  });

  it('falls back to the system proxy that Chromium resolves', async () => {
    const saved = process.env.HTTPS_PROXY;
    delete process.env.HTTPS_PROXY;
    try {
      const asked: string[] = [];
      const system = (url: string) => {
        asked.push(url);
        return Promise.resolve('PROXY proxy-systeme.mairie.local:8080; DIRECT');
      };
      expect((await resolveProxy('https://api.piste.gouv.fr', undefined, system))?.host).toBe(
        'proxy-systeme.mairie.local:8080',
      );
      expect(asked).toEqual(['https://api.piste.gouv.fr']);
      expect(await resolveProxy('https://api.piste.gouv.fr', undefined, noSystemProxy)).toBeUndefined();
      expect(await resolveProxy('https://api.piste.gouv.fr', undefined, undefined)).toBeUndefined();
    } finally {
      process.env.HTTPS_PROXY = saved;
    }
  });

  it('reads Chromium’s answers', () => {
    expect(parsePacAnswer('DIRECT')).toBeUndefined();
    expect(parsePacAnswer('PROXY p:3128')?.href).toBe('http://p:3128/');
    expect(parsePacAnswer('HTTPS p:443; DIRECT')?.href).toBe('https://p/');
    expect(parsePacAnswer('SOCKS5 s:1080; PROXY p:3128')?.href).toBe('http://p:3128/');
  });
});
