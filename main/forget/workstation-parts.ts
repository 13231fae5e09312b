// What `forget --all --confirm` removes, in this order. Adding what a later feature keeps on the
// workstation (a token cache, a fleet's keys and state, a password's destinations) is one entry
// here, with its own file.
import { fleetRecords } from './fleet-records';
import type { ForgetPart } from './forget-workstation';
import { keychainEntries } from './keychain-entries';
import { settingsFiles } from './settings-files';
import { userDailyCheck } from './user-daily-check';
import { userFleetReport } from './user-fleet-report';

// The fleet's first: it names its keychain entries from its records when the keychain cannot list
// them. A password's destinations and its cached PISTE tokens (issue 33) go with the keychain
// (`jeton-piste|…` entries are in the namespace) and the settings file (the destinations' state).
export const workstationParts: readonly ForgetPart[] = [
  fleetRecords,
  keychainEntries,
  userDailyCheck,
  userFleetReport,
  settingsFiles,
];
