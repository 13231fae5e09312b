// The copies of an account's password as the command line says them (status, destinations, push,
// set-password, test): one line per destination, its state in French.
import type { DestinationView, ExchangeView } from '../../common/exchange';
import { printable } from '../text/printable';
import { frenchDay } from './output';

const kindWords: Readonly<Record<DestinationView['kind'], string>> = {
  manual: 'manuelle',
  script: 'script',
  server: 'serveur',
};

export function destinationLine(destination: DestinationView): string {
  const name = `${printable(destination.name)} (${kindWords[destination.kind]})`;
  switch (destination.state) {
    case 'done':
      return `  ${name} : à jour${destination.at ? ` le ${frenchDay(destination.at)}` : ''}`;
    case 'failed':
      return (
        `  ${name} : EN ÉCHEC${destination.at ? ` le ${frenchDay(destination.at)}` : ''}` +
        ` — ${destination.message ?? 'motif inconnu'} ; relancez avec push`
      );
    case 'todo':
      return destination.kind === 'manual'
        ? `  ${name} : À FAIRE — reportez-y le nouveau mot de passe (bouton « Copier le mot de passe » de l'écran), puis destinations done --name "${printable(destination.name)}"`
        : `  ${name} : À FAIRE — pas encore transmis pour ce mot de passe ; transmettez-le avec push`;
    case 'waiting':
      return `  ${name} : sera mis à jour au prochain mot de passe accepté par Chorus Pro`;
  }
}

/** The block of lines about the copies; nothing when the account has none and the policy says nothing. */
export function exchangeLines(view: ExchangeView): string[] {
  const notes = [
    ...(view.policyRefusal ? [`  Stratégie de la machine illisible : ${view.policyRefusal}`] : []),
    ...(view.pushedElsewhere
      ? ['  Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.']
      : []),
    ...(!view.passwordAccepted && view.destinations.length > 0
      ? [
          "  Le mot de passe enregistré n'a pas encore été accepté par Chorus Pro : il ne sera transmis qu'après un test réussi.",
        ]
      : []),
  ];
  if (view.destinations.length === 0 && notes.length === 0) return [];
  return ['Logiciel d’échanges (copies du mot de passe) :', ...notes, ...view.destinations.map(destinationLine)];
}

/** The account's permission for local programs, in one line. */
export const programsLine = (view: ExchangeView): string =>
  'Scripts de ce poste autorisés à utiliser ce compte (headers, credentials) : ' +
  (view.programsForbidden
    ? `non — ${view.programsForbidden}`
    : view.allowPrograms
      ? 'oui'
      : 'non (configure --allow-programs oui)');
