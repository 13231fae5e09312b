import { useEffect, useState } from 'react';
import { frenchTypography as fr } from '../../common/french-typography';

/** A spinner with the seconds elapsed, and the button that stops the operation. */
export function Progress({ label, onCancel }: { readonly label: string; readonly onCancel: () => void }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="progress">
      <span className="spinner" aria-hidden="true" />
      <span>{fr(`${label} (${seconds} s)`)}</span>
      <button type="button" onClick={onCancel}>
        Annuler
      </button>
    </span>
  );
}
