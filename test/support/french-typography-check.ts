// What the typography tests refuse in a French text the accountant reads: a plain (breaking) space
// where a non-breaking one belongs, and a capital after a colon.

/** Words that keep their capital after a colon: names, and the screen's own labels. */
const properNouns = new Set([
  'Chorus',
  'Windows',
  'Production',
  'Qualification',
  'Personnalisé',
  'Lien',
  'Identifiant',
  'Secret',
  'Mot',
  'Date',
  'Alerte',
  'Nouveau',
  'Nom',
  'Proxy',
  'Certificat',
  'Phrase',
  'Compte',
  'Fichier',
  'Dossier',
  'Version',
  'Électron',
  'Electron',
  'Chrome',
  'Raccordements',
  'Gestionnaire',
  'Trousseau',
  'Secret Service',
  'Délai',
  'URL',
]);

export interface TypographyFault {
  readonly rule: string;
  readonly around: string;
}

const rules: readonly { readonly rule: string; readonly pattern: RegExp }[] = [
  { rule: 'espace ordinaire avant « : ; ! ? »', pattern: / (?=[:;!?])/g },
  { rule: 'espace ordinaire après « « »', pattern: /« /g },
  { rule: 'espace ordinaire avant « » »', pattern: / »/g },
  { rule: 'guillemet sans espace insécable', pattern: /«(?=[^\u00a0])|[^\u00a0]»/g },
  { rule: 'espace ordinaire entre un nombre et le mot qu’il compte', pattern: /(?<=^|[\s(\u00a0])\d+ (?=\p{L})/gu },
  { rule: 'espace fine insécable (U+202F) : la règle du projet est U+00A0', pattern: /\u202f/g },
];

/** Every fault in `text`, each with the few characters around it (spaces made visible). */
export function typographyFaults(text: string): TypographyFault[] {
  const visible = (from: number, to: number) => text.slice(Math.max(0, from - 25), to + 25).replace(/\u00a0/g, '⍽');
  const faults: TypographyFault[] = [];
  for (const { rule, pattern } of rules) {
    for (const match of text.matchAll(pattern))
      faults.push({ rule, around: visible(match.index, match.index + match[0].length) });
  }
  for (const match of text.matchAll(/:[\s\u00a0]+(\p{Lu}\p{Ll}+)/gu)) {
    const word = match[1] ?? '';
    if (!properNouns.has(word))
      faults.push({
        rule: `majuscule après un deux-points (« ${word} »)`,
        around: visible(match.index, match.index + match[0].length),
      });
  }
  return faults;
}
