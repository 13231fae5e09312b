import { AppError } from '../failures/errors';
import type { ForgetPart } from './forget-workstation';

/** This user's daily check, removed through the schedule's own operation (it names the task). */
export const userDailyCheck: ForgetPart = {
  name: 'daily-check',
  describe: () =>
    Promise.resolve(
      'la vérification quotidienne de cet utilisateur dans le Planificateur de tâches, si elle est programmée',
    ),
  forget: async ({ dailyCheck }) => {
    const outcome = await dailyCheck.remove();
    if (!outcome.supported)
      return "Vérification quotidienne : ce système n'a pas de Planificateur de tâches, rien à retirer.";
    if (!outcome.ok)
      throw new AppError(
        'INTERNAL_ERROR',
        `le Planificateur de tâches n'a pas retiré la vérification quotidienne : ${outcome.reason}`,
      );
    return 'Vérification quotidienne : retirée pour cet utilisateur (ou elle n’était pas programmée).';
  },
};
