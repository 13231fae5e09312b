import { describe, expect, it } from 'vitest';
import { agreed, counted } from './plural';

describe('counts in French', () => {
  it('take the singular for 0 and 1, the plural from 2', () => {
    expect(counted(0, 'compte')).toBe('0 compte');
    expect(counted(1, 'compte')).toBe('1 compte');
    expect(counted(2, 'compte')).toBe('2 comptes');
    expect(counted(3, 'compte technique', 'comptes techniques')).toBe('3 comptes techniques');
    expect(agreed(1, 'affichée')).toBe('affichée');
    expect(agreed(4, 'affichée')).toBe('affichées');
  });
});
