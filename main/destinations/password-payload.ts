import { cproAccountHeader } from '../chorus/chorus-client';

/**
 * What a script destination reads on its standard input and a server destination's file holds:
 * the new credentials, with what the exchange software needs to use them.
 */
export interface PasswordPayload {
  readonly schemaVersion: 1;
  /** Random, one per password: the same password pushed again carries the same changeId. */
  readonly changeId: string;
  readonly account: string;
  readonly login: string;
  readonly password: string;
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  /** AAAA-MM-JJ, the user's day the password was dated; null when unknown. */
  readonly passwordUpdatedOn: string | null;
  readonly passwordExpiresOn: string | null;
  /** Only where the policy says `withClientSecret`. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly proxyUrl?: string;
}

/**
 * JSON in ASCII only: every character past 126 written as a \u escape (surrogate pairs for the
 * others). Windows PowerShell 5.1 reads standard input in the console's OEM code page, where UTF-8
 * bytes would become other characters; escapes survive any code page, and any JSON reader
 * (ConvertFrom-Json, JSON.parse, Python's json) reads them back.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const mask = '********';

/** Every way a program could print the secrets it was given, longest first. */
export function secretForms(payload: Pick<PasswordPayload, 'login' | 'password' | 'clientSecret'>): string[] {
  const forms = [
    payload.password,
    asciiJson(payload.password).slice(1, -1),
    JSON.stringify(payload.password).slice(1, -1),
    Buffer.from(payload.password, 'utf8').toString('base64'),
    cproAccountHeader(payload.login, payload.password),
    ...(payload.clientSecret === undefined ? [] : [payload.clientSecret, asciiJson(payload.clientSecret).slice(1, -1)]),
  ];
  return [...new Set(forms.filter((form) => form.length > 0))].sort((a, b) => b.length - a.length);
}

/**
 * A program's output with every form of the secrets replaced by `********`; a secret cut at the
 * end of what was kept (its first characters only) goes too.
 */
export function maskedOutput(text: string, forms: readonly string[]): string {
  let masked = text;
  for (const form of forms) masked = masked.split(form).join(mask);
  for (const form of forms) {
    for (let length = Math.min(form.length - 1, masked.length); length >= 4; length -= 1) {
      if (masked.endsWith(form.slice(0, length))) {
        masked = `${masked.slice(0, -length)}${mask}`;
        break;
      }
    }
  }
  return masked;
}
