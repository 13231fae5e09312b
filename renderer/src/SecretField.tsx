import { useState } from 'react';
import type { Outcome, SettingsSnapshot } from '../../preload/contract';
import { PasswordInput } from './PasswordInput';

interface Props {
  readonly id: string;
  readonly label: string;
  /** null: unknown, the keychain could not be read. */
  readonly stored: boolean | null;
  readonly saveLabel: string;
  readonly savedMessage: string;
  /** Stores the secret in the keychain through the main process. */
  readonly save: (secret: string) => Promise<Outcome<SettingsSnapshot>>;
  readonly onDraft: (typing: boolean) => void;
}

/** A secret saved on demand, never autosaved; stored, it shows as stored, never as itself. */
export function SecretField({ id, label, stored, saveLabel, savedMessage, save, onDraft }: Props) {
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState('');
  const type = (text: string) => {
    setDraft(text);
    onDraft(text !== '');
  };
  const submit = async () => {
    const answer = await save(draft);
    if (!answer.ok) {
      setMessage(answer.message);
      return;
    }
    type('');
    setMessage(savedMessage);
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <span className="inline">
          <PasswordInput
            id={id}
            value={draft}
            placeholder={stored === null ? 'Coffre-fort inaccessible' : stored ? 'Enregistré dans le coffre-fort' : ''}
            aria-describedby={`${id}-message`}
            onChange={(event) => type(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && draft) void submit();
            }}
          />
          <button type="button" disabled={!draft} onClick={() => void submit()}>
            {saveLabel}
          </button>
        </span>
        <p className="hint" id={`${id}-message`} role="status">
          {message}
        </p>
      </div>
    </>
  );
}
