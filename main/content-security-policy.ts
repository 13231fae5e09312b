/**
 * The page's Content-Security-Policy. The renderer needs no network at all (HTTP runs in main),
 * so everything outside the app's own files is refused. Sent as a header by the app protocol
 * and by the test harness's server alike.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
