import type { LastCheckView } from '../../common/accounts';
import { frenchTypography as fr } from '../../common/french-typography';
import { formatDay } from './format';

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/**
 * « Dernier test : 02/12/2026 07:30 — échec (raison) », in the user's time zone. Without the
 * reason when the failure's own message stands on the screen: it says it once.
 */
export function lastCheckText(check: LastCheckView | undefined, withReason = true): string {
  if (!check) return fr('Dernier test : aucun');
  const when = new Date(check.at);
  const reason = withReason ? ` (${check.reason ?? check.code ?? 'raison inconnue'})` : '';
  const outcome = check.ok ? 'réussi' : `échec${reason}`;
  return fr(
    `Dernier test : ${formatDay(check.at)} ${twoDigits(when.getHours())}:${twoDigits(when.getMinutes())} — ${outcome}`,
  );
}

export function LastCheckLine({
  check,
  id,
  withReason,
}: {
  readonly check: LastCheckView | undefined;
  readonly id: string;
  readonly withReason: boolean;
}) {
  return (
    <p className={check && !check.ok ? 'hint last-check warning-text' : 'hint last-check'} id={id}>
      {lastCheckText(check, withReason)}
    </p>
  );
}
