// What `status` adds for the machine-wide profile (%ProgramData%\Chorus Pro Echanges\profile.json)
// that would not be applied, and why: the first start only logs it, and the IT person asks `status`.
import { machineProfilePath, machineProfileRefusal } from '../profiles/machine-profile';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { printable } from '../text/printable';

export function withMachineProfileStatus(result: CommandResult, context: CommandContext): CommandResult {
  // The first start's refusal, kept in the settings (issue 29), is said by status already.
  if (result.json.machineProfileRefusal !== undefined) return result;
  const path = machineProfilePath(context.environment.env);
  const found = machineProfileRefusal(path);
  if (found === undefined) return result;
  // The reason may quote the file (a field's name): escaped, as everything read from another's file.
  const refusal = printable(found);
  return {
    ...result,
    json: { ...result.json, machineProfile: { path, refused: refusal } },
    lines: [
      `Attention : le profil de machine (${printable(path)}) n'est pas appliqué : ${refusal}. Il ne sert qu'au premier démarrage de chaque utilisateur ; corrigez-le (guide de déploiement, « Préconfigurer tous les postes : le profil de machine »).`,
      ...result.lines,
    ],
  };
}
