import { getProxyForUrl } from 'proxy-from-env';
import { checkProxyUrl, isLoopbackHost } from '../net/url-policy';

/** Electron's `session.resolveProxy`: the system proxy (or PAC script) as Chromium resolves it. */
export type ResolveSystemProxy = (url: string) => Promise<string>;

/** Reads Chromium's PAC-style answer ("PROXY host:port; DIRECT"): the first HTTP(S) proxy, if any. */
export function parsePacAnswer(answer: string): URL | undefined {
  for (const entry of answer.split(';')) {
    const [kind, hostPort] = entry.trim().split(/\s+/);
    if (!hostPort) continue;
    if (kind === 'PROXY' || kind === 'HTTP') return new URL(`http://${hostPort}`);
    if (kind === 'HTTPS') return new URL(`https://${hostPort}`);
  }
  return undefined;
}

/**
 * A proxy address from the environment may carry its password (HTTPS_PROXY=http://user:pass@…):
 * taken out of the address, so that it goes on the CONNECT only and the address that travels on
 * (messages, log) has none.
 */
export function splitProxyPassword(proxy: URL | undefined): {
  readonly proxy: URL | undefined;
  readonly password: string | undefined;
} {
  if (!proxy?.password) return { proxy, password: undefined };
  let password: string;
  try {
    password = decodeURIComponent(proxy.password);
  } catch {
    password = proxy.password;
  }
  const withoutPassword = new URL(proxy.href);
  withoutPassword.password = '';
  return { proxy: withoutPassword, password };
}

/**
 * The proxy for a Chorus Pro address: the explicit setting first, then HTTPS_PROXY/NO_PROXY,
 * then the system's. Loopback (the simulator) never goes through a proxy.
 */
export async function resolveProxy(
  targetUrl: string,
  proxySetting: string | undefined,
  resolveSystemProxy: ResolveSystemProxy | undefined,
): Promise<URL | undefined> {
  if (isLoopbackHost(new URL(targetUrl).hostname)) return undefined;
  if (proxySetting) return checkProxyUrl('Proxy', proxySetting);
  const fromEnvironment = getProxyForUrl(targetUrl);
  if (fromEnvironment) return new URL(fromEnvironment);
  return resolveSystemProxy ? parsePacAnswer(await resolveSystemProxy(targetUrl)) : undefined;
}
