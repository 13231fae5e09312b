import { useCallback, useReducer, useRef, useState } from 'react';
import type { Outcome } from '../../common/failures';
import type { ScreenSettingsChange as SettingsChange } from '../../common/settings';
import type { SettingsSnapshot } from '../../common/accounts';

export type EditableField = 'apiBaseUrl' | 'tokenUrl' | 'login' | 'clientId' | 'proxyUrl' | 'timeoutSeconds';
type Drafts = Partial<Record<EditableField, string>>;
type Errors = Partial<Record<EditableField | 'environment' | 'alertDelayMonths' | 'caCertificatePath', string>>;

const autosaveDelayMs = 600;

function changeFor(field: EditableField, text: string): SettingsChange {
  if (field === 'timeoutSeconds') return { timeoutSeconds: /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN };
  return { [field]: text };
}

/**
 * The settings as saved (from the main process) and what the user is typing. Every valid change
 * is saved on its own after a short pause, or at once when the field is left; a value the main
 * process refuses stays on screen, flagged with its message, and is not saved.
 */
export function useConfiguration(initial: SettingsSnapshot) {
  const [snapshot, setSnapshot] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  // What is typed and not saved yet. A ref changed synchronously, so that a save that returns
  // and a key typed meanwhile can never overwrite each other; rendering follows it.
  const drafts = useRef<Drafts>({});
  const [, render] = useReducer((count: number) => count + 1, 0);
  const timers = useRef(new Map<EditableField, ReturnType<typeof setTimeout>>());
  const saving = useRef(new Set<Promise<boolean>>());
  const asked = useRef(0);
  const shown = useRef(0);

  /**
   * Calls the main process for a new snapshot. Answers may come back out of order (each one reads
   * the settings, then the keychain): only an answer to a later request than the one on screen is
   * shown, since the main process applies the requests in the order they arrive.
   */
  const refresh = useCallback(
    async <Answer extends Outcome<SettingsSnapshot>>(call: () => Promise<Answer>): Promise<Answer> => {
      asked.current += 1;
      const request = asked.current;
      const answer = await call();
      if (answer.ok && request > shown.current) {
        shown.current = request;
        setSnapshot(answer);
      }
      return answer;
    },
    [],
  );

  const apply = useCallback(
    async (key: keyof Errors, change: SettingsChange, draftValue?: string): Promise<boolean> => {
      const answer = await refresh(() => window.chorus.saveSettings(change));
      if (!answer.ok) {
        setErrors((current) => ({ ...current, [key]: answer.message }));
        return false;
      }
      setErrors(({ [key]: _fixed, ...rest }) => rest);
      const field = key as EditableField;
      if (draftValue !== undefined && drafts.current[field] === draftValue) {
        // Saved as typed: the field shows the saved value from now on.
        const { [field]: _saved, ...rest } = drafts.current;
        drafts.current = rest;
        render();
      }
      return true;
    },
    [refresh],
  );

  const track = useCallback((promise: Promise<boolean>) => {
    saving.current.add(promise);
    void promise.finally(() => saving.current.delete(promise));
    return promise;
  }, []);

  const saveNow = useCallback(
    (field: EditableField) => {
      clearTimeout(timers.current.get(field));
      timers.current.delete(field);
      const text = drafts.current[field];
      if (text === undefined) return Promise.resolve(true);
      return track(apply(field, changeFor(field, text), text));
    },
    [apply, track],
  );

  const edit = useCallback(
    (field: EditableField, text: string) => {
      drafts.current = { ...drafts.current, [field]: text };
      render();
      clearTimeout(timers.current.get(field));
      timers.current.set(
        field,
        setTimeout(() => void saveNow(field), autosaveDelayMs),
      );
    },
    [saveNow],
  );

  /** A choice in a list is saved at once. */
  const choose = useCallback(
    (key: 'environment' | 'alertDelayMonths', change: SettingsChange) => track(apply(key, change)),
    [apply, track],
  );

  /** Saves every pending change now; true when every typed value was accepted. */
  const flush = useCallback(async () => {
    const fields = Object.keys(drafts.current) as EditableField[];
    const results = await Promise.all([...fields.map((field) => saveNow(field)), ...saving.current]);
    return results.every(Boolean) && Object.keys(drafts.current).length === 0;
  }, [saveNow]);

  const valueOf = (field: EditableField): string => drafts.current[field] ?? String(snapshot.settings[field] ?? '');

  return { snapshot, refresh, drafts: drafts.current, errors, setErrors, edit, saveNow, choose, flush, valueOf };
}
export type Configuration = ReturnType<typeof useConfiguration>;
