import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';
import { tempDir } from '../../test/support/temp-dirs';

function rendererFolder(): string {
  const parent = tempDir('chorus-protocol-');
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(parent, 'secret.html'), 'outside the renderer');
  writeFileSync(join(root, 'notes.txt'), 'not a renderer file type');
  return root;
}

describe('the app:// protocol', () => {
  const serve = createAppProtocolHandler(rendererFolder());

  it('serves the renderer with its content type and the CSP', async () => {
    const response = await serve(new Request('app://chorus/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).toContain('<title>ok</title>');
    expect((await serve(new Request('app://chorus/assets/index.js'))).headers.get('content-type')).toContain(
      'javascript',
    );
  });

  it.each([
    ['a path that climbs out of the folder', 'app://chorus/%2e%2e/secret.html'],
    ['an encoded separator', 'app://chorus/assets%2f..%2f..%2fsecret.html'],
    ['another host', 'app://other/index.html'],
    ['a file type the build does not produce', 'app://chorus/notes.txt'],
    ['a missing file', 'app://chorus/missing.js'],
  ])('refuses %s', async (_case, url) => {
    const response = await serve(new Request(url));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses anything but GET', async () => {
    expect((await serve(new Request('app://chorus/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('sends the policy that keeps the page off the network', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("connect-src 'none'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("base-uri 'none'");
    expect(contentSecurityPolicy).not.toContain('unsafe');
  });
});
