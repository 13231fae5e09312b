/**
 * The page's Content-Security-Policy. The renderer needs no network at all (HTTP runs in main),
 * so everything outside the app's own files is refused. The page carries it twice, from this one
 * list: in a <meta> the renderer build writes (vite.config.mts), and as a header from the app
 * protocol and the test harness's server, which alone can enforce frame-ancestors.
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const metaContentSecurityPolicy = directives.join('; ');
export const contentSecurityPolicy = [...directives, "frame-ancestors 'none'"].join('; ');
