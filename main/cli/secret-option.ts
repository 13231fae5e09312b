import { AppError } from '../failures/errors';
import type { CommandContext } from './command';
import type { OptionName } from './options';

/**
 * A secret the command needs, read from standard input when its `--…-stdin` option says so: never
 * an argument. `label` names it where it is asked for (the installed app's window).
 */
export async function secretFromStdin(context: CommandContext, flag: OptionName, label: string): Promise<string> {
  if (context.options[flag] !== true)
    throw new AppError(
      'INVALID_INPUT',
      `--${flag} est obligatoire : le secret se lit sur l'entrée standard, jamais en argument`,
    );
  // Reading starts first: at a terminal, echo is off before the user is asked to type.
  const reading = context.environment.readSecret(label);
  if (context.environment.stdinIsTerminal)
    context.environment.warn('Saisissez le secret (il ne s’affiche pas) puis validez par Entrée :');
  if (context.environment.secretsInWindow === true) {
    context.environment.warn(
      `Saisissez « ${label} » dans la fenêtre Chorus Pro Echanges qui s'ouvre : la console ne transmet pas la saisie à l'application installée (un secret envoyé par un tube, Get-Content fichier | …, est lu directement).`,
    );
  }
  return reading;
}
