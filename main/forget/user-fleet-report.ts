import { AppError } from '../failures/errors';
import type { ForgetPart } from './forget-workstation';

/**
 * The publisher's daily fleet report (issue 32), removed like the daily check; said only where this
 * user has one (most users never publish a fleet).
 */
export const userFleetReport: ForgetPart = {
  name: 'fleet-report',
  describe: async ({ fleetReport }) => {
    const state = await fleetReport.status();
    return state.supported && state.installed
      ? 'le rapport quotidien du parc de cet utilisateur dans le Planificateur de tâches'
      : '';
  },
  forget: async ({ fleetReport }) => {
    const outcome = await fleetReport.remove();
    if (!outcome.supported) return '';
    if (!outcome.ok)
      throw new AppError(
        'INTERNAL_ERROR',
        `le Planificateur de tâches n'a pas retiré le rapport quotidien du parc : ${outcome.reason}`,
      );
    return outcome.changed ? 'Rapport quotidien du parc : retiré pour cet utilisateur.' : '';
  },
};
