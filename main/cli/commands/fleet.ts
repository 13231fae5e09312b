// `fleet create | invite | join | members | publish | remove-member | assign | rotate-key | pointer | report | sync | status`: one renewal
// published once, every workstation follows (main/fleet/). What each action does is in
// ../fleet-actions.ts, loaded only when a fleet command runs: the other commands start without it.
import type { Command } from '../command';

export const fleet: Command = {
  // --account names the account `fleet assign` restricts (fleet-keys-actions.ts), not the one a command acts on.
  options: [
    'root-key-file',
    'passphrase-stdin',
    'publisher',
    'code-stdin',
    'accept',
    'name',
    'add-publisher',
    'account',
    'member',
    'all-members',
    'csv',
    'html',
    'notify',
  ],
  words: 3,
  accounts: 'all',
  accountOption: false,
  readsOnly: (positionals) =>
    positionals[0] === 'members' || positionals[0] === 'status' || positionals[0] === 'report',
  run: async (context) => (await import('../fleet-actions')).runFleet(context),
};
