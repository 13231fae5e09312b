// The daily check's notifications in the installed app (`--cli test --all --notify`). Electron is
// passed in (its types only here): main/shell/command-line-in-app.ts imports it at run time.
import type { NotificationConstructorOptions } from 'electron';
import type { AccountNotice, Notifier } from '../daily-check/notices';

/** What the check does with one of Electron's notifications. */
interface ShownNotification {
  show(): void;
  // Two signatures, as Electron declares one per event: a union would not accept its class.
  on(event: 'click', listener: () => void): unknown;
  // eslint-disable-next-line @typescript-eslint/unified-signatures
  on(event: 'close', listener: () => void): unknown;
}

export interface ElectronNotifierParts {
  readonly whenReady: () => Promise<void>;
  readonly Notification: { new (options: NotificationConstructorOptions): ShownNotification; isSupported(): boolean };
  /** Opens the app on an account: the executable started again with the one argument `--account=NAME`. */
  readonly openAccount: (account: string) => void;
  /** How long the process stays to answer a click, at most. */
  readonly lingerMs: number;
  readonly warn: (line: string) => void;
}

/**
 * A notification's click is delivered to the process that showed it, while it runs (electron/electron
 * #24524: not from the Action Center afterwards). So the check stays until each notification is
 * clicked or dismissed, or `lingerMs` has passed; a click starts the app on that account.
 */
export function createElectronNotifier(parts: ElectronNotifierParts): Notifier {
  const open: Promise<void>[] = [];
  let ready: Promise<boolean> | undefined;
  return {
    show(notice: AccountNotice): void {
      ready ??= parts.whenReady().then(() => {
        const supported = parts.Notification.isSupported();
        if (!supported)
          parts.warn(
            'Les notifications ne sont pas prises en charge sur ce poste : seul le compte rendu ci-dessus indique les comptes à traiter.',
          );
        return supported;
      });
      open.push(
        ready.then(
          (supported) =>
            new Promise<void>((resolve) => {
              if (!supported) {
                resolve();
                return;
              }
              const notification = new parts.Notification({ title: notice.title, body: notice.body });
              notification.on('click', () => {
                parts.openAccount(notice.account);
                resolve();
              });
              notification.on('close', () => resolve());
              notification.show();
            }),
        ),
      );
    },
    async settled(): Promise<void> {
      if (open.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const lingered = new Promise<void>((resolve) => (timer = setTimeout(resolve, parts.lingerMs)));
      await Promise.race([Promise.all(open), lingered]);
      clearTimeout(timer);
    },
  };
}
