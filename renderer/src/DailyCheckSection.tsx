import { useEffect, useState } from 'react';
import type { DailyCheckView } from '../../common/daily-check';
import { frenchTypography as fr } from '../../common/french-typography';

const defaultTime = '07:30';

/** « Test de connexion quotidien » (the daily check): the Task Scheduler's task, on or off, at a time. */
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
    setMessage(
      answer.refusal ??
        (answer.installed ? `Test programmé chaque jour à ${answer.at ?? time}.` : 'Test quotidien désactivé.'),
    );
  };

  return (
    <fieldset className="daily-check">
      <legend>Test de connexion quotidien</legend>
      {view && !view.supported ? (
        <p className="hint">
          {fr(
            'Ce test se programme dans le Planificateur de tâches de Windows : il ne peut être enregistré que sous Windows.',
          )}
        </p>
      ) : (
        <>
          <p className="hint" id="daily-check-hint">
            {fr(
              'Chaque jour, tous les comptes techniques sont testés ; une notification signale un compte en échec ou un mot de passe à renouveler.',
            )}
          </p>
          <div className="inline">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={enabled}
                disabled={!view}
                aria-describedby="daily-check-hint"
                onChange={(event) => setEnabled(event.target.checked)}
              />
              Tester chaque jour à
            </label>
            <input
              type="time"
              aria-label="Heure du test"
              value={time}
              disabled={!view}
              onChange={(event) => setTime(event.target.value)}
            />
            <button type="button" disabled={!view || (enabled && time === '')} onClick={() => void apply()}>
              Enregistrer
            </button>
          </div>
        </>
      )}
      <p role="status" className="hint">
        {fr(message)}
      </p>
    </fieldset>
  );
}
