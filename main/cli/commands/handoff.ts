// `headers` and `credentials`: an account's credentials handed to an in-house script of this
// workstation, only where the account allows it (configure --allow-programs oui) and the machine
// policy does not forbid it; refused with exit status 4, nothing on standard output.
import { AppError } from '../../failures/errors';
import { defaultMinValiditySeconds, minValidityBounds } from '../../handoff/handoff-token';
import type { Command, CommandContext } from '../command';
import { text } from '../options';

function jsonOnly(context: CommandContext, name: string): void {
  // Secrets are printed for a program, never for a terminal's scrollback.
  if (context.options.json !== true)
    throw new AppError(
      'INVALID_INPUT',
      `${name} n'écrit qu'en JSON, pour un programme : ajoutez --json (et ne l'affichez pas à l'écran)`,
    );
}

function minValidity(given: string | undefined): number {
  if (given === undefined) return defaultMinValiditySeconds;
  const seconds = /^\d{1,5}$/.test(given.trim()) ? Number(given.trim()) : Number.NaN;
  if (!(seconds >= minValidityBounds.min && seconds <= minValidityBounds.max)) {
    throw new AppError(
      'INVALID_INPUT',
      `--min-validity : un nombre de secondes de ${minValidityBounds.min} à ${minValidityBounds.max}`,
    );
  }
  return seconds;
}

export const headers: Command = {
  options: ['min-validity', 'new-token'],
  secretOutput: true,
  run: async (context) => {
    jsonOnly(context, 'headers');
    const handed = await context.account.handoff.headers({
      minValiditySeconds: minValidity(text(context.options, 'min-validity')),
      newToken: context.options['new-token'] === true,
    });
    return { json: { ...handed }, lines: [] };
  },
};

export const credentials: Command = {
  options: [],
  secretOutput: true,
  run: async (context) => {
    jsonOnly(context, 'credentials');
    return { json: { ...(await context.account.handoff.credentials()) }, lines: [] };
  },
};
