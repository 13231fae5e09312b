/**
 * The environment as a person types it: the identifier (`custom`) or the name `status` and the
 * screen print (`Production`, `Personnalisé`), whatever the case or accents. Anything else is
 * returned as typed, for the schema to refuse.
 */
export function environmentFromWord(word: string): string {
  const plain = word
    .trim()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
  return plain === 'personnalise' ? 'custom' : ['production', 'qualification', 'custom'].includes(plain) ? plain : word;
}
