import { useCallback, useRef, useState } from 'react';
import type { SettingsChange, SettingsSnapshot } from '../../preload/contract';

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
  const [drafts, setDrafts] = useState<Drafts>({});
  const [errors, setErrors] = useState<Errors>({});
  const timers = useRef(new Map<EditableField, ReturnType<typeof setTimeout>>());
  const saving = useRef(new Set<Promise<boolean>>());
  const latest = useRef<Drafts>({});

  const apply = useCallback(async (key: keyof Errors, change: SettingsChange, draftValue?: string): Promise<boolean> => {
    const answer = await window.chorus.saveSettings(change);
    if (!answer.ok) {
      setErrors((current) => ({ ...current, [key]: answer.message }));
      return false;
    }
    setSnapshot(answer);
    setErrors(({ [key]: _fixed, ...rest }) => rest);
    if (draftValue !== undefined) {
      // Keep what the user typed meanwhile; drop the draft once it is what was saved.
      setDrafts((current) => {
        if (current[key as EditableField] !== draftValue) return current;
        const { [key as EditableField]: _saved, ...rest } = current;
        latest.current = rest;
        return rest;
      });
    }
    return true;
  }, []);

  const track = useCallback((promise: Promise<boolean>) => {
    saving.current.add(promise);
    void promise.finally(() => saving.current.delete(promise));
    return promise;
  }, []);

  const saveNow = useCallback(
    (field: EditableField) => {
      clearTimeout(timers.current.get(field));
      timers.current.delete(field);
      const text = latest.current[field];
      if (text === undefined) return Promise.resolve(true);
      return track(apply(field, changeFor(field, text), text));
    },
    [apply, track],
  );

  const edit = useCallback(
    (field: EditableField, text: string) => {
      latest.current = { ...latest.current, [field]: text };
      setDrafts(latest.current);
      clearTimeout(timers.current.get(field));
      timers.current.set(field, setTimeout(() => void saveNow(field), autosaveDelayMs));
    },
    [saveNow],
  );

  /** A choice in a list is saved at once. */
  const choose = useCallback((key: 'environment' | 'alertDelayMonths', change: SettingsChange) => track(apply(key, change)), [apply, track]);

  /** Saves every pending change now; true when all of them were accepted. */
  const flush = useCallback(async () => {
    const fields = [...timers.current.keys()];
    const results = await Promise.all([...fields.map((field) => saveNow(field)), ...saving.current]);
    return results.every(Boolean) && Object.keys(latest.current).length === 0;
  }, [saveNow]);

  const valueOf = (field: EditableField): string => drafts[field] ?? String(snapshot.settings[field] ?? '');

  return { snapshot, setSnapshot, drafts, errors, setErrors, edit, saveNow, choose, flush, valueOf };
}
export type Configuration = ReturnType<typeof useConfiguration>;
