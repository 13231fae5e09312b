import { describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { canEnterPasswordDay, parseCommunicatedDay } from './password-date';

// Europe/Paris, as on the workstations (vitest runs with the machine's zone; the day is local).
const now = new Date(2026, 10, 28, 9, 30);

const refusal = (text: string): string => {
  try {
    parseCommunicatedDay(text, now);
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.message : 'not an AppError';
  }
};

describe('the day Chorus Pro communicated the password', () => {
  it('is read as a local day, from today back to 424 days ago', () => {
    expect(parseCommunicatedDay('2026-11-28', now)).toEqual(new Date(2026, 10, 28));
    expect(parseCommunicatedDay('2026-03-02', now)).toEqual(new Date(2026, 2, 2));
    // 424 days before 28/11/2026: the password expires today, it is still usable.
    expect(parseCommunicatedDay('2025-09-30', now)).toEqual(new Date(2025, 8, 30));
  });

  it('refuses a future date, an expired one (saying so), and anything that is not a date', () => {
    expect(refusal('2026-11-29')).toContain('dans le futur');
    expect(refusal('2025-09-29')).toContain('a déjà expiré');
    expect(refusal('2025-09-29')).toContain('Réinitialisation du mot de passe');
    for (const text of ['28/11/2026', '2026-02-30', '2026-13-01', 'hier', ''])
      expect(refusal(text)).toContain("n'est pas une date");
    // What was typed is not repeated: it may be anything typed in the wrong place.
    const refused = refusal('\u001b[31mFAUX\nOK ligne');
    expect(refused).not.toContain('FAUX');
    expect(refused).not.toContain('\u001b');
  });

  it('may be given only while the app does not know it: no date yet, or a password not verified', () => {
    expect(canEnterPasswordDay({})).toBe(true);
    expect(canEnterPasswordDay({ passwordUpdatedAt: '2026-03-02T09:00:00.000Z', passwordVerified: false })).toBe(true);
    expect(canEnterPasswordDay({ passwordUpdatedAt: '2026-03-02T09:00:00.000Z', passwordVerified: true })).toBe(false);
    // A file written before the mark existed: its date came from a verified renewal.
    expect(canEnterPasswordDay({ passwordUpdatedAt: '2026-03-02T09:00:00.000Z' })).toBe(false);
    // No password stored: the date was typed ahead of it, and stays provisional.
    expect(canEnterPasswordDay({ passwordUpdatedAt: '2026-03-02T09:00:00.000Z' }, false)).toBe(true);
    expect(canEnterPasswordDay({ passwordUpdatedAt: '2026-03-02T09:00:00.000Z' }, null)).toBe(false);
  });
});
