// The closed set of failures every part of the app speaks: a code for the program, a French message
// for the user. Plain TypeScript, shared by the main process and the renderer.

export const failureCodes = [
  // What the Chorus Pro client can meet (one closed set, each with its French message).
  'INVALID_INPUT',
  'INSECURE_URL',
  'MISSING_SECRET',
  'KEYCHAIN_UNAVAILABLE',
  'DNS_FAILED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'TLS_UNTRUSTED',
  'TLS_HOSTNAME_MISMATCH',
  'PROXY_FAILED',
  'REDIRECT_REFUSED',
  'OAUTH_REJECTED',
  'AUTH_REJECTED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SERVER_ERROR',
  'UNEXPECTED_RESPONSE',
  'RESPONSE_TOO_LARGE',
  'CHORUS_ERROR',
  'CANCELLED',
  // Answers of the real service read precisely (docs/chorus-pro-api.md, "Errors").
  'API_NOT_SUBSCRIBED',
  'RATE_LIMITED',
  'OAUTH_UNAVAILABLE',
  'ACCOUNT_INACTIVE',
  // Storage and the bridge.
  'SETTINGS_UNWRITABLE',
  'PASSWORD_REFUSED',
  // The password typed is the one already stored: nothing changes (its date and Chorus Pro's expiry stay).
  'PASSWORD_UNCHANGED',
  'CONFIRMATION_REQUIRED',
  'PROFILE_REFUSED',
  // A host no one confirmed on this workstation (a machine profile's): the command line cannot ask.
  'HOST_NOT_CONFIRMED',
  'UNTRUSTED_SENDER',
  'INTERNAL_ERROR',
  // The fleet: one renewal published for every workstation (main/fleet/).
  'FLEET_UNREACHABLE',
  'FLEET_FINGERPRINT_MISMATCH',
  'FLEET_CODE_REFUSED',
  'FLEET_NOT_MEMBER',
  'FLEET_NOT_PUBLISHER',
  'FLEET_NEWER_FORMAT',
  // The exchange software follows the renewal (issue 33).
  'PROGRAMS_NOT_ALLOWED',
  'POLICY_REFUSED',
  'PASSWORD_NOT_VERIFIED',
] as const;
export type FailureCode = (typeof failureCodes)[number];

/** The fields of the screen a failure may be about: the screen marks it and puts its message there. */
export const failureFields = ['login', 'password', 'clientId', 'clientSecret'] as const;
export type FailureField = (typeof failureFields)[number];

/**
 * What a failed call returns: a code for the program and a French message for the user. On the
 * screen, `message` is what the user reads first (at most two lines: what to do, then why) and
 * `details` what the screen folds under « Détails » (codes, hosts, HTTP statuses); on the command
 * line, `message` is the whole of it and there are no `details`.
 */
export interface Failure {
  readonly ok: false;
  readonly code: FailureCode;
  readonly message: string;
  /** Screen only: the facts an IT person needs, folded under « Détails ». */
  readonly details?: string;
  /** Screen only: the field the failure is about (its message stands there). */
  readonly field?: FailureField;
  /** RATE_LIMITED: the wait PISTE asked for (`Retry-After`), in seconds, when it gave one. */
  readonly retryAfterSeconds?: number;
}
export type Success<Payload extends object> = { readonly ok: true } & Payload;
export type Outcome<Payload extends object> = Success<Payload> | Failure;
