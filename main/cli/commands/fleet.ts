// `fleet create | invite | join | members | publish | remove-member | sync | status`: one renewal
// published once, every workstation follows (main/fleet/). What each action does is in
// ../fleet-actions.ts, loaded only when a fleet command runs: the other commands start without it.
import type { Command } from '../command';

export const fleet: Command = {
  options: ['root-key-file', 'passphrase-stdin', 'publisher', 'code-stdin', 'accept', 'name'],
  words: 3,
  accounts: 'all',
  accountOption: false,
  readsOnly: (positionals) => positionals[0] === 'members' || positionals[0] === 'status',
  run: async (context) => (await import('../fleet-actions')).runFleet(context),
};
