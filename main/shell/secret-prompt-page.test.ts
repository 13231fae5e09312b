import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretPromptPage, secretPromptPolicy, secretPromptUrl } from './secret-prompt-page';

describe('the secret window’s page', () => {
  it('allows no script and only its own style sheet, by its hash', () => {
    const page = secretPromptPage('Phrase secrète du profil');
    expect(page).not.toMatch(/<script/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(secretPromptPolicy).toBe(
      `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; base-uri 'none'; form-action 'none'`,
    );
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${secretPromptPolicy}">`);
    expect(page).toContain('<input id="secret" type="password"');
  });

  it('writes the label as text, never as markup', () => {
    expect(secretPromptPage('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(decodeURIComponent(secretPromptUrl('Mot de passe').replace('data:text/html;charset=utf-8,', ''))).toBe(
      secretPromptPage('Mot de passe'),
    );
  });
});
