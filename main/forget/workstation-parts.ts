// What `forget --all --confirm` removes, in this order. Adding what a later feature keeps on the
// workstation (a token cache, a fleet's keys and state, a password's destinations) is one entry
// here, with its own file.
import type { ForgetPart } from './forget-workstation';
import { keychainEntries } from './keychain-entries';
import { settingsFiles } from './settings-files';
import { userDailyCheck } from './user-daily-check';

export const workstationParts: readonly ForgetPart[] = [keychainEntries, userDailyCheck, settingsFiles];
