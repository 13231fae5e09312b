import type { LastCheckView } from '../../preload/contract';
import { formatDay } from './format';

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** « Dernière vérification : 02/12/2026 07:30 — échec (raison) », in the user's time zone. */
export function lastCheckText(check: LastCheckView | undefined): string {
  if (!check) return 'Dernière vérification : aucune';
  const when = new Date(check.at);
  const outcome = check.ok ? 'réussie' : `échec (${check.reason ?? check.code ?? 'raison inconnue'})`;
  return `Dernière vérification : ${formatDay(check.at)} ${twoDigits(when.getHours())}:${twoDigits(when.getMinutes())} — ${outcome}`;
}

export function LastCheckLine({ check, id }: { readonly check: LastCheckView | undefined; readonly id: string }) {
  return (
    <p className={check && !check.ok ? 'hint last-check warning-text' : 'hint last-check'} id={id}>
      {lastCheckText(check)}
    </p>
  );
}
