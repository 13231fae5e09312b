// The screen's « Vérification automatique quotidienne »: the same schedule as `schedule install`.
import type { DailyCheckView } from '../../common/daily-check';
import type { Handlers } from './channel-handlers';
import type { DailyCheckSchedule, DailyCheckState } from '../schedule/daily-check-schedule';
import { parseTimeOfDay } from '../schedule/daily-check-task';

/** What the Task Scheduler could not say is said, never shown as « not scheduled » alone. */
const unreadable = (state: DailyCheckState): string | undefined =>
  state.supported && !state.installed && state.problem !== undefined
    ? "L'état de la vérification quotidienne est inconnu : le Planificateur de tâches de Windows " +
      (state.problem.kind === 'refused' ? 'a refusé de la lire' : "n'a pas répondu") +
      ` (${state.problem.reason.replace(/[.\s]+$/, '')}). Votre service informatique peut la vérifier.`
    : undefined;

const viewOf = (state: DailyCheckState, refusal?: string): DailyCheckView => {
  const said = refusal ?? unreadable(state);
  return {
    supported: state.supported,
    installed: state.supported && state.installed,
    at: state.supported && state.installed ? state.at : null,
    ...(said === undefined ? {} : { refusal: said }),
  };
};

export function dailyCheckHandlers(schedule: DailyCheckSchedule): Pick<Handlers, 'getDailyCheck' | 'setDailyCheck'> {
  return {
    getDailyCheck: async () => viewOf(await schedule.status()),
    setDailyCheck: async ({ at }) => {
      const change = at === null ? await schedule.remove() : await schedule.install(parseTimeOfDay(at));
      const refusal =
        change.supported && !change.ok
          ? `Le Planificateur de tâches de Windows a refusé : ${change.reason.replace(/[.\s]+$/, '')}. Rien n'a été modifié ; votre service informatique peut déployer la tâche par stratégie de groupe.`
          : undefined;
      return viewOf(await schedule.status(), refusal);
    },
  };
}
