// « Copier le mot de passe »: the main process writes the password to the clipboard itself (the
// page never receives it) and takes it off again after a minute, if it is still the one there.
// Windows' clipboard history (Win+V) and its cloud sync may keep a copy meanwhile: the guide says
// to turn them off on workstations that renew (not verified on Windows here).
import type { Clipboard } from 'electron';
import { clipboardClearSeconds } from '../../common/exchange';

export function secretClipboard(
  clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>,
): (text: string) => Promise<void> {
  let clearing: ReturnType<typeof setTimeout> | undefined;
  return async (text) => {
    await clipboard.writeText(text);
    clearTimeout(clearing);
    clearing = setTimeout(() => {
      // Something else copied meanwhile is the user's: left alone.
      void clipboard.readText().then((held) => {
        if (held === text) clipboard.clear();
      });
    }, clipboardClearSeconds * 1000);
    clearing.unref();
  };
}
