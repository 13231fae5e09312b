// What a Windows console program (icacls, schtasks, whoami, reg) writes to a pipe: its text in the
// console's code page — the OEM one, CP850 on a French Windows (`Accès refusé` is 41 63 63 8A 73),
// not UTF-8. Node's TextDecoder knows no OEM code page (checked: `new TextDecoder('ibm850')`
// throws), so iconv-lite's tables decode it.
import type * as Iconv from 'iconv-lite';

// Loaded on the first non-UTF-8 output only: every command line would pay for its tables otherwise
// (in the bundle, esbuild keeps a require inside a function lazy).
let iconv: typeof Iconv | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codecs = (): typeof Iconv => (iconv ??= require('iconv-lite') as typeof Iconv);

/** The OEM code page of French (and Western European) Windows, when it could not be read. */
export const westernOemCodePage = 850;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a console program's output. Valid UTF-8 is read as UTF-8: plain ASCII, or a console
 * switched to UTF-8 (`chcp 65001`) by whoever started the app; CP850's accented letters alone
 * (0x80–0xFF) are never valid UTF-8. Otherwise, the OEM code page given (850 if unknown).
 */
export function consoleText(bytes: Uint8Array, oemCodePage: number | undefined): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const encoding = `cp${oemCodePage ?? westernOemCodePage}`;
    return codecs().decode(
      Buffer.from(bytes),
      codecs().encodingExists(encoding) ? encoding : `cp${westernOemCodePage}`,
    );
  }
}
