import { format, parseISO } from 'date-fns';
import { failureCodes, type FailureCode } from '../../preload/contract';
import { failureMessages } from '../failures/errors';
import type { LastCheck } from '../settings/settings-schema';

const isFailureCode = (code: string): code is FailureCode => (failureCodes as readonly string[]).includes(code);

/** What went wrong, in a few words: the first sentence of the failure's message (its advice follows). */
export function lastCheckReason(code: string | null): string | null {
  if (code === null) return null;
  if (!isFailureCode(code)) return code;
  const message = failureMessages[code];
  const end = message.search(/[.:;] /);
  return end < 0 ? message : message.slice(0, end);
}

/** « Dernière vérification : 02/12/2026 07:30 — échec (Chorus Pro a refusé …) », in local time. */
export function lastCheckText(check: LastCheck | undefined): string {
  if (!check) return 'Dernière vérification : aucune';
  const when = format(parseISO(check.at), 'dd/MM/yyyy HH:mm');
  return `Dernière vérification : ${when} — ${check.ok ? 'réussie' : `échec (${lastCheckReason(check.code) ?? 'raison inconnue'})`}`;
}
