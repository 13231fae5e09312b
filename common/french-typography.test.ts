import { describe, expect, it } from 'vitest';
import { frenchTypography } from './french-typography';

const shown = (text: string) => text.replace(/\u00a0/g, '⍽');

describe('French typography', () => {
  it('puts a non-breaking space before « : ; ! ? » and inside « »', () => {
    expect(shown(frenchTypography('Lien URL : adresse ; vraiment ? oui ! « Compte principal »'))).toBe(
      'Lien URL⍽: adresse⍽; vraiment⍽? oui⍽! «⍽Compte principal⍽»',
    );
  });

  it('keeps a number with the word it counts, « (3 structures) » on one line', () => {
    expect(shown(frenchTypography('(3 structures), dans 12 jours, 424 jours, le 30/09/2027 (date'))).toBe(
      '(3⍽structures), dans 12⍽jours, 424⍽jours, le 30/09/2027 (date',
    );
    // Only a number on its own: not a date's year, nor a port.
    expect(shown(frenchTypography('le 06/12/2026 à 07:30, adresse chorus.example:8443 non confirmée'))).toBe(
      'le 06/12/2026 à 07:30, adresse chorus.example:8443 non confirmée',
    );
  });

  it('adds the space a guillemet lacks, and makes a narrow one the same non-breaking space', () => {
    expect(shown(frenchTypography('«Nom» puis fin\u202f!'))).toBe('«⍽Nom⍽» puis fin⍽!');
  });

  it('leaves addresses, times and apostrophes as they are, and changes nothing the second time', () => {
    const text = "https://api.piste.gouv.fr à 07:30 : l'identifiant d’origine";
    const once = frenchTypography(text);
    expect(shown(once)).toBe("https://api.piste.gouv.fr à 07:30⍽: l'identifiant d’origine");
    expect(frenchTypography(once)).toBe(once);
  });
});
