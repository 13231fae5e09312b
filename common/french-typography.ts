// French typography for every text the accountant reads (the screen, its messages, the
// notifications): one helper, used by the main process and the renderer alike, so that a message
// composed in main and a label written in the renderer follow the same rules.
//
// U+00A0 (espace insécable) everywhere, also before « ; ! ? », where the Imprimerie nationale
// would put a narrow one (U+202F): the screen's font is the workstation's (Segoe UI on Windows,
// another elsewhere) and U+00A0 has a normal space's width in every one of them, screen readers
// read it as a space, and one rule is easier to keep than two. A U+202F already there is made
// U+00A0 too, so that the text is the same whoever wrote it.

export const nonBreakingSpace = '\u00a0';

/** Before these, a space never breaks the line (« : ; ! ? » and the closing guillemet). */
const spaceBefore = /[ \u202f\u00a0]+(?=[:;!?»])/g;
/** After the opening guillemet, the same. */
const spaceAfterOpening = /«[ \u202f\u00a0]*/g;
/** A closing guillemet always has its space, even when the text forgot it: « ${name}». */
const closingWithoutSpace = /([^\s\u00a0\u202f])»/g;
/**
 * A number and the word it counts stay together: « 3 structures », « 424 jours », « 12 mois ». A
 * number on its own only: not the end of a date (« 2026 à ») or of a port (« :8443 non »).
 */
const numberAndWord = /(^|[\s(\u00a0])(\d+) (?=\p{L})/gu;

/**
 * The text with a non-breaking space before « : ; ! ? », inside « », and between a number and the
 * word it counts. It only changes spaces (never a letter: a capital after a colon is the text's
 * own to fix, and the typography test refuses it), and applying it twice changes nothing.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(spaceBefore, nonBreakingSpace)
    .replace(spaceAfterOpening, `«${nonBreakingSpace}`)
    .replace(closingWithoutSpace, `$1${nonBreakingSpace}»`)
    .replace(numberAndWord, `$1$2${nonBreakingSpace}`);
}
