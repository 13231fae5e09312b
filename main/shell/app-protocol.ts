import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from './content-security-policy';

/** The scheme and host the renderer is served from instead of file:. */
export const appScheme = 'app';
export const appHost = 'chorus';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Only the file types the renderer build produces are served. */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const refuse = (status: number): Response => new Response(null, { status });

/**
 * Serves the built renderer from `rendererDir` for `protocol.handle`: nothing outside that folder,
 * no other host, only known file types, and the CSP on every answer.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${appScheme}:` || url.host !== appHost) return refuse(404);
    if (request.method !== 'GET') return refuse(405);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    const type = contentTypes[extname(file)];
    if (!file.startsWith(root + sep) || type === undefined) return refuse(404);
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': type,
          'Content-Security-Policy': contentSecurityPolicy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return refuse(404);
    }
  };
}
