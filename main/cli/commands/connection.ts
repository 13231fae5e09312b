// `test` and `structures`: Chorus Pro reached with the account's settings (or, for this command
// only, those given as options); `test --all`, every account, is the daily check.
import { AppError } from '../../failures/errors';
import type { Command } from '../command';
import { refuseUnconfirmedHosts } from '../confirmed-hosts';
import { connectionOptions, hasOverrides, settingsWithOverrides } from '../connection-options';
import { withNotifications, withPendingCopies } from '../daily-check';
import { exchangeLines } from '../exchange-lines';
import { frenchDay } from '../output';
import { testAllWithFleet } from '../fleet-daily-check';
import { agreed, counted } from '../../text/plural';

export const test: Command = {
  options: [...connectionOptions, 'all', 'notify'],
  // With --all it tests every account as saved; otherwise one, as --account or the only one.
  accounts: (options) => (options.all === true ? 'all' : 'one'),
  readsOnly: true,
  run: async (context) => {
    if (context.options.all === true) {
      if (hasOverrides(context.options) || context.options.account !== undefined)
        throw new AppError(
          'INVALID_INPUT',
          "--all teste chaque compte tel qu'il est enregistré : il ne se combine ni avec --account ni avec des options de connexion",
        );
      // A member of a fleet reads its folder first (fleet-daily-check.ts); others just test.
      const { fleetManaged, ...tested } = await testAllWithFleet(context.services, context.userDataDir);
      // « logiciel d'échanges non mis à jour », until every copy of each password is made.
      const pendingCopies = await context.account.exchange.pendingByAccount();
      const result = withPendingCopies(tested, pendingCopies);
      return context.options.notify === true
        ? withNotifications(
            result,
            context.services.workstation.accounts.list(),
            context.environment.clock,
            context.environment.notifier,
            { fleetManaged, pendingCopies },
          )
        : result;
    }
    if (context.options.notify === true)
      throw new AppError(
        'INVALID_INPUT',
        '--notify accompagne la vérification de tous les comptes : test --all --notify',
      );
    const settings = settingsWithOverrides(context);
    refuseUnconfirmedHosts(context.services.workstation, context.account, settings, context.options);
    const recordExpiry = !hasOverrides(context.options);
    const { connection } = context.account;
    // The verdict as soon as Chorus Pro accepted the credentials; the expiry, read on after it, before the command ends.
    const result = await connection.testConnection(settings, { recordExpiry, expiry: 'after-verdict' });
    const verdict =
      'La connexion a été établie : les paramètres de connexion sont corrects. ' +
      `(${counted(result.structureCount, 'structure')}, ${result.durationMs} ms)`;
    // With --json, one line at the end (output.ts); otherwise the verdict's line now.
    if (context.options.json !== true) context.environment.print(verdict);
    await connection.passwordExpiryRead();
    const reminder = recordExpiry ? context.account.currentReminder() : undefined;
    const fromChorus = reminder?.known === true && reminder.source === 'chorus-pro' ? reminder : undefined;
    return {
      json: { ...result, ...(fromChorus ? { passwordExpiresOn: fromChorus.expiresOn } : {}) },
      lines: [
        ...(fromChorus
          ? [
              `Expiration du mot de passe : ${frenchDay(fromChorus.expiresOn)} (date communiquée par Chorus Pro` +
                (fromChorus.expiryStructure ? `, structure « ${fromChorus.expiryStructure} »` : '') +
                ')',
            ]
          : []),
        // The first success after an unverified save or an import pushed the password.
        ...(result.exchange
          ? ['Mot de passe accepté par Chorus Pro : transmis à ses destinations.', ...exchangeLines(result.exchange)]
          : []),
      ],
    };
  },
};

export const structures: Command = {
  options: connectionOptions,
  readsOnly: true,
  run: async (context) => {
    const settings = settingsWithOverrides(context);
    refuseUnconfirmedHosts(context.services.workstation, context.account, settings, context.options);
    const found = await context.account.connection.listStructures(settings);
    return {
      json: { structures: found },
      lines: [
        `${counted(found.length, 'structure')} ${agreed(found.length, 'définie')} dans Chorus Pro :`,
        ...found.map(
          (structure) =>
            `${structure.identifierType} ${structure.identifier}  ${structure.designation}  [${structure.status || '—'}, ${structure.role || '—'}, ${counted(structure.services.length, 'service')}]`,
        ),
      ],
    };
  },
};
