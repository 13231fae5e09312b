// The installed app's own small window for a secret the console cannot hand it (a GUI program on
// Windows does not receive the console's keyboard input): a page with no script at all, its CSP
// in a <meta>, its behaviour in the sandboxed preload (preload/secret-prompt.ts).
import { createHash } from 'node:crypto';

/** The one channel the prompt's preload answers on. */
export const secretPromptChannel = 'chorus-secret-prompt:answer';

const style = [
  'body{margin:0;padding:16px 20px;background:#f3f3f3;color:#1b1b1b;font:14px "Segoe UI",system-ui,sans-serif}',
  'h1{font-size:16px;margin:0 0 8px}',
  'p{margin:0 0 12px;color:#444}',
  'label{display:block;font-weight:600;margin-bottom:4px}',
  'input{box-sizing:border-box;width:100%;padding:6px 8px;font:inherit;border:1px solid #8a8a8a;border-radius:3px}',
  '.actions{margin-top:14px;display:flex;gap:8px;justify-content:flex-end}',
  'button{font:inherit;padding:5px 14px}',
].join('');

const escaped = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0) ?? 0};`);

/** The CSP: nothing loads, nothing runs, no form goes anywhere; only the one style sheet above. */
export const secretPromptPolicy =
  "default-src 'none'; " +
  `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'";

/** The page, for the secret named `label` (« Phrase secrète du profil »…). */
export function secretPromptPage(label: string): string {
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${secretPromptPolicy}">`,
    `<title>Chorus Pro Echanges — ${escaped(label)}</title>`,
    `<style>${style}</style>`,
    '</head><body>',
    '<form id="saisie" novalidate>',
    `<h1>${escaped(label)}</h1>`,
    "<p>La ligne de commande de Chorus Pro Echanges attend ce secret. Il ne s'affiche pas et n'est gardé que dans le coffre-fort de ce poste.</p>",
    `<label for="secret">${escaped(label)}</label>`,
    '<input id="secret" type="password" autocomplete="off" spellcheck="false" autofocus>',
    '<div class="actions"><button type="submit">Valider</button><button type="button" id="abandonner">Abandonner</button></div>',
    '</form></body></html>',
  ].join('');
}

/** The page as the window loads it: a data: URL, nothing on disk, nothing served. */
export const secretPromptUrl = (label: string): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(secretPromptPage(label))}`;
