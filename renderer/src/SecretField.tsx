import { useState } from 'react';
import type { Failure, Outcome } from '../../common/failures';
import type { SettingsSnapshot } from '../../common/accounts';
import { frenchTypography as fr } from '../../common/french-typography';
import { PasswordInput } from './PasswordInput';

interface Props {
  readonly id: string;
  readonly label: string;
  /** null: unknown, the keychain could not be read. */
  readonly stored: boolean | null;
  readonly saveLabel: string;
  /** What the field holds, said from `stored` (never from an earlier save): « … enregistré dans le coffre-fort ». */
  readonly storedMessage: string;
  readonly missingMessage: string;
  /** A failure about this secret (a test that needs it): the field is marked and says it. */
  readonly failure?: Failure | undefined;
  /** Stores the secret in the keychain through the main process. */
  readonly save: (secret: string) => Promise<Outcome<SettingsSnapshot>>;
  readonly onDraft: (typing: boolean) => void;
}

/** A secret saved on demand, never autosaved; stored, it shows as stored, never as itself. */
export function SecretField({
  id,
  label,
  stored,
  saveLabel,
  storedMessage,
  missingMessage,
  failure,
  save,
  onDraft,
}: Props) {
  const [draft, setDraft] = useState('');
  const [refusal, setRefusal] = useState('');
  // A test's failure about this secret, until the user saves one: then the line says it is stored.
  const [answered, setAnswered] = useState<Failure>();
  const shownFailure = failure === answered ? undefined : failure;
  const type = (text: string) => {
    setDraft(text);
    onDraft(text !== '');
  };
  const submit = async () => {
    const answer = await save(draft);
    if (!answer.ok) {
      setRefusal(answer.message);
      return;
    }
    setRefusal('');
    setAnswered(failure);
    type('');
  };
  // What the line says follows what the keychain holds now: an empty field never reads « enregistré » when nothing is (issue 35).
  const message =
    refusal ||
    shownFailure?.message ||
    (stored === null
      ? 'Coffre-fort inaccessible : impossible de savoir si ce secret est enregistré.'
      : stored
        ? storedMessage
        : missingMessage);
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
            aria-invalid={refusal || shownFailure ? true : undefined}
            onChange={(event) => type(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && draft) void submit();
            }}
          />
          <button type="button" disabled={!draft} onClick={() => void submit()}>
            {saveLabel}
          </button>
        </span>
        <p className={refusal || shownFailure ? 'field-error' : 'hint'} id={`${id}-message`} role="status">
          {fr(message)}
        </p>
      </div>
    </>
  );
}
