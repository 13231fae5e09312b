import { useEffect, useState } from 'react';
import type { DailyCheckView } from '../../preload/contract';

const defaultTime = '07:30';

/** « Vérification automatique quotidienne »: the Task Scheduler's task, on or off, at a time. */
export function DailyCheckSection() {
  const [view, setView] = useState<DailyCheckView>();
  const [enabled, setEnabled] = useState(false);
  const [time, setTime] = useState(defaultTime);
  const [message, setMessage] = useState('');

  const show = (next: DailyCheckView) => {
    setView(next);
    setEnabled(next.installed);
    if (next.at) setTime(next.at);
  };
  useEffect(() => {
    void window.chorus.getDailyCheck().then((answer) => {
      if (answer.ok) show(answer);
      else setMessage(answer.message);
    });
  }, []);

  const apply = async () => {
    setMessage('');
    const answer = await window.chorus.setDailyCheck({ at: enabled ? time : null });
    if (!answer.ok) {
      setMessage(answer.message);
      return;
    }
    show(answer);
    setMessage(answer.refusal ?? (answer.installed ? `Vérification programmée chaque jour à ${answer.at ?? time}.` : 'Vérification automatique désactivée.'));
  };

  return (
    <fieldset className="daily-check">
      <legend>Vérification automatique quotidienne</legend>
      {view && !view.supported ? (
        <p className="hint">
          Cette vérification se programme dans le Planificateur de tâches de Windows : elle ne peut être enregistrée que sous
          Windows.
        </p>
      ) : (
        <>
          <p className="hint" id="daily-check-hint">
            Chaque jour, tous les comptes techniques sont testés ; une notification signale un compte en échec ou un mot de passe à
            renouveler.
          </p>
          <div className="inline">
            <label className="checkbox">
              <input type="checkbox" checked={enabled} disabled={!view} aria-describedby="daily-check-hint" onChange={(event) => setEnabled(event.target.checked)} />
              Vérifier chaque jour à
            </label>
            <input type="time" aria-label="Heure de la vérification" value={time} disabled={!view} onChange={(event) => setTime(event.target.value)} />
            <button type="button" disabled={!view || (enabled && time === '')} onClick={() => void apply()}>
              Enregistrer
            </button>
          </div>
        </>
      )}
      <p role="status" className="hint">
        {message}
      </p>
    </fieldset>
  );
}
