// `test` and `structures`: Chorus Pro reached with the account's settings (or, for this command
// only, those given as options); `test --all`, every account, is the daily check.
import { AppError } from '../../failures/errors';
import type { Command } from '../command';
import { connectionOptions, hasOverrides, settingsWithOverrides } from '../connection-options';
import { withNotifications } from '../daily-check';
import { testAllAccounts } from '../test-all-accounts';
import { agreed, counted } from '../../text/plural';

export const test: Command = {
  options: [...connectionOptions, 'all', 'notify'],
  // With --all it tests every account as saved; otherwise one, as --account or the only one.
  accounts: (options) => (options.all === true ? 'all' : 'one'),
  readsOnly: true,
  run: async (context) => {
    if (context.options.all === true) {
      if (hasOverrides(context.options) || context.options.account !== undefined) throw new AppError('INVALID_INPUT', "--all teste chaque compte tel qu'il est enregistré : il ne se combine ni avec --account ni avec des options de connexion");
      const result = await testAllAccounts(context.services);
      return context.options.notify === true ? withNotifications(result, context.services.settings.accounts.list(), context.environment.clock, context.environment.notifier) : result;
    }
    if (context.options.notify === true) throw new AppError('INVALID_INPUT', '--notify accompagne la vérification de tous les comptes : test --all --notify');
    const result = await context.services.connection.testConnection(settingsWithOverrides(context), { recordExpiry: !hasOverrides(context.options) });
    return {
      json: { ...result },
      lines: [`La connexion a été établie : les paramètres de connexion sont corrects. (${counted(result.structureCount, 'structure')}, ${result.durationMs} ms)`],
    };
  },
};

export const structures: Command = {
  options: connectionOptions,
  readsOnly: true,
  run: async (context) => {
    const found = await context.services.connection.listStructures(settingsWithOverrides(context));
    return {
      json: { structures: found },
      lines: [
        `${counted(found.length, 'structure')} ${agreed(found.length, 'définie')} dans Chorus Pro :`,
        ...found.map((structure) => `${structure.identifierType} ${structure.identifier}  ${structure.designation}  [${structure.status || '—'}, ${structure.role || '—'}, ${counted(structure.services.length, 'service')}]`),
      ],
    };
  },
};
