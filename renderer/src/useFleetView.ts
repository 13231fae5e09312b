import { useEffect, useState } from 'react';
import type { FleetView } from '../../common/fleet';
import type { SettingsSnapshot } from '../../common/accounts';

/**
 * The fleet's line for the account on screen (main/fleet/fleet-view.ts), read again whenever the
 * account, the account list or the password's state change, and when the main process says the
 * fleet's start brought something (`onFleetUpdated`).
 */
export function useFleetView(snapshot: SettingsSnapshot): FleetView {
  const [view, setView] = useState<FleetView>({});
  const [updates, setUpdates] = useState(0);
  useEffect(() => window.chorus.onFleetUpdated(() => setUpdates((count) => count + 1)), []);
  const key = `${snapshot.account.name}\n${snapshot.accountsRevision}\n${String(snapshot.secrets.passwordVerified)}\n${String(updates)}`;
  useEffect(() => {
    let current = true;
    void window.chorus.getFleetView().then((answer) => {
      if (current && answer.ok) {
        const { ok: _ok, ...fleet } = answer;
        setView(fleet);
      }
    });
    return () => {
      current = false;
    };
  }, [key]);
  return view;
}
