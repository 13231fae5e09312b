import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronNotifier } from './electron-notifier';

/** Electron's Notification as the check uses it: shown, then clicked or closed by the user. */
function desktop() {
  const shown: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    constructor(readonly options: { title?: string; body?: string }) {
      super();
    }
    show(): void {
      shown.push(this);
    }
    static isSupported(): boolean {
      return true;
    }
  }
  return { shown, Notification: FakeNotification };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the daily check’s notifications in the installed app', () => {
  it('shows one notification per notice once the app is ready; a click opens the app on that account', async () => {
    const { shown, Notification } = desktop();
    const opened: string[] = [];
    const notifier = createElectronNotifier({
      whenReady: () => Promise.resolve(),
      Notification,
      openAccount: (account) => opened.push(account),
      lingerMs: 60_000,
      warn: () => undefined,
    });
    notifier.show({ account: 'SIVOM de la Rance', title: 'Chorus Pro Echanges — SIVOM de la Rance', body: 'échec' });
    notifier.show({
      account: 'Commune de Tréméreuc',
      title: 'Chorus Pro Echanges — Commune de Tréméreuc',
      body: 'à renouveler',
    });
    await flush();
    expect(shown.map((notification) => notification.options.title)).toEqual([
      'Chorus Pro Echanges — SIVOM de la Rance',
      'Chorus Pro Echanges — Commune de Tréméreuc',
    ]);
    let settled = false;
    const settling = notifier.settled().then(() => (settled = true));
    shown[0]?.emit('click');
    await flush();
    expect(opened).toEqual(['SIVOM de la Rance']);
    // The process stays while a notification may still be clicked.
    expect(settled).toBe(false);
    shown[1]?.emit('close');
    await settling;
    expect(opened).toEqual(['SIVOM de la Rance']);
  });

  it('does not keep the process past its bound when nobody clicks', async () => {
    const { shown, Notification } = desktop();
    const notifier = createElectronNotifier({
      whenReady: () => Promise.resolve(),
      Notification,
      openAccount: () => undefined,
      lingerMs: 10,
      warn: () => undefined,
    });
    notifier.show({ account: 'Compte principal', title: 't', body: 'b' });
    await notifier.settled();
    expect(shown).toHaveLength(1);
  });

  it('says so when the system has no notifications, and does not wait', async () => {
    const { Notification } = desktop();
    Notification.isSupported = () => false;
    const warnings: string[] = [];
    const notifier = createElectronNotifier({
      whenReady: () => Promise.resolve(),
      Notification,
      openAccount: () => undefined,
      lingerMs: 600_000,
      warn: (line) => warnings.push(line),
    });
    notifier.show({ account: 'Compte principal', title: 't', body: 'b' });
    await notifier.settled();
    expect(warnings).toEqual([
      'Les notifications ne sont pas prises en charge sur ce poste : seul le compte rendu ci-dessus indique les comptes à traiter.',
    ]);
  });
});
