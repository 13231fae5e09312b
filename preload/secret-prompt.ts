// The sandboxed preload of the installed app's secret window (main/shell/secret-prompt-window.ts):
// the page has no script (its CSP allows none); this wires its form and sends the answer to main
// on one channel, exposing nothing to the page. One CommonJS file once built.
import { ipcRenderer } from 'electron';

// The few DOM members used here, typed locally: the main and preload programs are compiled without
// the DOM library, which must not reach the main process's code.
interface PromptEvent {
  readonly key?: string;
  preventDefault(): void;
}
interface PromptElement {
  readonly value?: string;
  addEventListener(type: 'submit' | 'click', listener: (event: PromptEvent) => void): void;
}
declare const document: {
  getElementById(id: string): PromptElement | null;
  addEventListener(type: 'keydown', listener: (event: PromptEvent) => void): void;
};
declare const window: { addEventListener(type: 'DOMContentLoaded', listener: () => void): void };

// Kept equal to main/shell/secret-prompt-page.ts's secretPromptChannel (a sandboxed preload cannot import it).
const channel = 'chorus-secret-prompt:answer';

window.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('saisie');
  const field = document.getElementById('secret');
  const cancel = document.getElementById('abandonner');
  if (!form || !field || !cancel) return;
  let answered = false;
  const answer = (message: { secret: string } | { cancelled: true }): void => {
    if (answered) return;
    answered = true;
    void ipcRenderer.invoke(channel, message);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    answer({ secret: field.value ?? '' });
  });
  cancel.addEventListener('click', () => answer({ cancelled: true }));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') answer({ cancelled: true });
  });
});
