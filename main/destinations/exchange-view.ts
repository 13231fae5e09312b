import type { DestinationView, ExchangeView } from '../../common/exchange';
import type { StoredSettings } from '../settings/settings-schema';
import { destinationsFor, type PolicyReading } from './machine-policy';

/** What the machine policy says of local programs, whatever the account says. */
export function programsForbiddenBy(reading: PolicyReading): string | undefined {
  if (reading.kind === 'refused') return `la stratégie de la machine est illisible (${reading.reason})`;
  if (reading.kind === 'policy' && reading.policy.allowScripts === false)
    return 'la stratégie de la machine interdit aux programmes de ce poste d’utiliser les comptes techniques (allowScripts)';
  return undefined;
}

/**
 * An account's copies as they stand: every manual line and every destination the policy gives
 * it now. Before the current password was pushed (not accepted by Chorus Pro yet, or renewed
 * before this version), each one waits; after, a manual line is « à faire » until confirmed for
 * this password and a machine destination is what its last try made of it.
 */
export function exchangeView(
  settings: StoredSettings,
  account: string,
  reading: PolicyReading,
  options: { readonly pushedElsewhere?: boolean } = {},
): ExchangeView {
  const passwordAccepted = settings.passwordVerified !== false;
  const { exchange } = settings;
  const pushed = passwordAccepted && exchange?.pushedAt !== undefined;
  const manual: DestinationView[] = (settings.manualDestinations ?? []).map((line) => {
    if (pushed && line.doneChangeId === exchange.changeId)
      return { name: line.name, kind: 'manual', state: 'done', ...(line.doneAt ? { at: line.doneAt } : {}) };
    return { name: line.name, kind: 'manual', state: pushed ? 'todo' : 'waiting' };
  });
  const machine: DestinationView[] =
    reading.kind === 'policy'
      ? destinationsFor(reading.policy, account).map((destination) => {
          const result = exchange?.results?.find(
            (candidate) => candidate.name === destination.name && candidate.kind === destination.kind,
          );
          if (!pushed) return { name: destination.name, kind: destination.kind, state: 'waiting' };
          if (!result) return { name: destination.name, kind: destination.kind, state: 'todo' };
          return {
            name: destination.name,
            kind: destination.kind,
            state: result.ok ? 'done' : 'failed',
            at: result.at,
            ...(result.message ? { message: result.message } : {}),
            ...(result.output ? { output: result.output } : {}),
          };
        })
      : [];
  const forbidden = programsForbiddenBy(reading);
  return {
    destinations: [...manual, ...machine],
    passwordAccepted,
    ...(pushed && exchange.pushedAt ? { pushedAt: exchange.pushedAt } : {}),
    allowPrograms: settings.allowPrograms === true,
    ...(forbidden ? { programsForbidden: forbidden } : {}),
    ...(reading.kind === 'refused' ? { policyRefusal: reading.reason } : {}),
    ...(options.pushedElsewhere ? { pushedElsewhere: true as const } : {}),
  };
}

/** Copies still to make: what the daily check reminds of (« logiciel d'échanges non mis à jour »). */
export const pendingCopies = (view: ExchangeView): readonly DestinationView[] =>
  view.pushedElsewhere
    ? []
    : view.destinations.filter((destination) => destination.state === 'todo' || destination.state === 'failed');
