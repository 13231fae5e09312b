import type { Failure } from '../../common/failures';
import { frenchTypography as fr } from '../../common/french-typography';

/**
 * A failure as the accountant reads it: the message (what to do, then why, two lines at most),
 * and what only an IT person needs folded under « Détails ».
 */
export function FailureText({
  failure,
  id,
}: {
  readonly failure: Pick<Failure, 'message' | 'details'>;
  readonly id?: string;
}) {
  return (
    <>
      <p id={id}>{fr(failure.message)}</p>
      {failure.details && (
        <details className="failure-details">
          <summary>Détails</summary>
          <p>{fr(failure.details)}</p>
        </details>
      )}
    </>
  );
}
