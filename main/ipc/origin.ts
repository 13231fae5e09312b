/**
 * The origin of a URL as Chromium sees it for the app's registered standard scheme. Node's URL
 * gives non-special schemes such as `app:` the opaque origin "null", which would make every
 * `app://…` page look alike (or never match); scheme plus host is what identifies ours.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined;
  } catch {
    return undefined;
  }
}
