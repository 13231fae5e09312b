// `destinations` and `push`: the places that keep their own copy of an account's password (the
// exchange software) — the manual checklist, and the machine policy's script and server
// destinations, pushed to again.
import { AppError } from '../../failures/errors';
import type { Command } from '../command';
import type { CommandResult } from '../command-result';
import { exchangeLines } from '../exchange-lines';
import { text } from '../options';
import type { ExchangeView } from '../../../common/exchange';

const usageLine =
  'usage : destinations list | destinations add --manual NOM | destinations done --name NOM | destinations remove --name NOM (avec --account NOM quand le poste a plusieurs comptes)';

const shown = (view: ExchangeView, lead: string): CommandResult => {
  const lines = exchangeLines(view);
  return {
    json: { exchange: view },
    lines: [
      lead,
      ...(lines.length > 0
        ? lines.slice(1)
        : [
            '  (aucune destination : ajoutez-en une avec destinations add --manual NOM, ou par la stratégie de la machine)',
          ]),
    ],
  };
};

function required(value: string | undefined, option: 'manual' | 'name', action: string): string {
  if (value === undefined)
    throw new AppError('INVALID_INPUT', `destinations ${action} attend --${option} NOM ; ${usageLine}`);
  return value;
}

export const destinations: Command = {
  options: ['manual', 'name'],
  // The action: list, add, done, remove.
  words: 1,
  readsOnly: (positionals) => positionals.length === 0 || positionals[0] === 'list',
  run: async ({ account: services, positionals, options }) => {
    const [action = 'list'] = positionals;
    const account = services.name;
    if (action === 'list')
      return shown(await services.exchange.view(), `Destinations du mot de passe du compte « ${account} » :`);
    if (action === 'add') {
      const view = await services.exchange.addManual(required(text(options, 'manual'), 'manual', 'add'));
      return shown(view, `Destination manuelle ajoutée au compte « ${account} ».`);
    }
    if (action === 'done') {
      const view = await services.exchange.confirmManual(required(text(options, 'name'), 'name', 'done'));
      return shown(view, 'Noté : cette destination a le mot de passe actuel.');
    }
    if (action === 'remove') {
      const view = await services.exchange.removeManual(required(text(options, 'name'), 'name', 'remove'));
      return shown(view, `Destination manuelle retirée du compte « ${account} ».`);
    }
    throw new AppError('INVALID_INPUT', `action inconnue « ${action.slice(0, 20)} » ; ${usageLine}`);
  },
};

export const push: Command = {
  options: [],
  run: async ({ account }) => {
    const view = await account.exchange.retry();
    const machine = view.destinations.filter((destination) => destination.kind !== 'manual');
    const failed = machine.filter((destination) => destination.state === 'failed');
    const lead = view.pushedElsewhere
      ? 'Rien à transmettre depuis ce poste : le poste éditeur du parc transmet ce mot de passe.'
      : machine.length === 0
        ? 'Aucune destination script ou serveur pour ce compte dans la stratégie de la machine.'
        : failed.length === 0
          ? `Mot de passe transmis : ${machine.length} destination(s) à jour.`
          : `${failed.length} destination(s) en échec sur ${machine.length} : corrigez la cause indiquée, puis relancez push.`;
    return { ...shown(view, lead), failed: failed.length > 0 };
  },
};
