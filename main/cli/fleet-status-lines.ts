// What `status` adds for the fleet (main/fleet/fleet-view.ts): the account kept by the IT
// department, this user waiting for acceptance with the phrase to compare, or the machine's pointer
// not followed and why. The fleet's code is loaded only when there is a fleet to speak of.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { machineFleetPath } from '../fleet/machine-pointer-path';
import type { CommandContext } from './command';
import type { CommandResult } from './command-result';
import { frenchDay } from './output';

export async function withFleetStatus(result: CommandResult, context: CommandContext): Promise<CommandResult> {
  const pointerPath = machineFleetPath(context.environment.env);
  if (!existsSync(pointerPath) && !existsSync(join(context.userDataDir, 'flotte'))) return result;
  const [{ fleetView }, { platformPointerDistrust }] = await Promise.all([
    import('../fleet/fleet-view'),
    import('../fleet/machine-pointer'),
  ]);
  const view = fleetView(context.userDataDir, context.account.name, pointerPath, platformPointerDistrust);
  const unverified = context.account.settings.read().passwordVerified === false;
  return {
    ...result,
    json: { ...result.json, fleet: view },
    lines: [
      ...(view.pointer === undefined ? [] : [`Attention : ${view.pointer}`]),
      ...result.lines,
      ...(view.managed
        ? [
            `Parc de postes : géré par le service informatique — révision ${view.managed.revision} reçue le ${frenchDay(view.managed.receivedAt)}`,
            ...(unverified
              ? ['  Mot de passe reçu du service informatique, non vérifié : le prochain test (test) le vérifiera.']
              : []),
            '  Pour un nouveau mot de passe, contactez votre service informatique : il le renouvelle une fois pour tous les postes.',
          ]
        : []),
      ...(view.waiting
        ? [
            `Parc de postes : en attente d'acceptation par le service informatique (poste ${view.waiting.memberId}) — ` +
              'phrase à comparer : ' +
              (view.waiting.phrase ?? '(inconnue : fleet status)'),
          ]
        : []),
    ],
  };
}
