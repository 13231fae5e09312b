/**
 * Text that came from elsewhere (a server's answer, a certificate, a file) made safe to print on
 * a terminal, in the log or on the screen: every control character (line breaks, ESC and the
 * terminal sequences it starts, C1 controls), every format character (direction overrides,
 * zero-width characters) and the line and paragraph separators are written as a visible \u{…}
 * escape, so such a text can neither forge a line nor colour or reorder what follows it.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu,
    (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
}
