import { format, parseISO } from 'date-fns';
import { failureCodes, type FailureCode } from '../../common/failures';
import { failureReason } from '../failures/errors';
import type { LastCheck } from '../settings/settings-schema';

const isFailureCode = (code: string): code is FailureCode => (failureCodes as readonly string[]).includes(code);

/** What went wrong, in a few words (the failure's short reason); the code itself when it is not one of ours. */
export function lastCheckReason(code: string | null): string | null {
  if (code === null) return null;
  return isFailureCode(code) ? failureReason(code) : code;
}

/** « Dernière vérification : 02/12/2026 07:30 — échec (mot de passe refusé par Chorus Pro) », in local time. */
export function lastCheckText(check: LastCheck | undefined): string {
  if (!check) return 'Dernière vérification : aucune';
  const when = format(parseISO(check.at), 'dd/MM/yyyy HH:mm');
  return `Dernière vérification : ${when} — ${check.ok ? 'réussie' : `échec (${lastCheckReason(check.code) ?? 'raison inconnue'})`}`;
}
