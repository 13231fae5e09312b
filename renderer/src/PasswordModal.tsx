import { useState, type SyntheticEvent } from 'react';
import type { Failure } from '../../common/failures';
import type { PasswordRenewal } from '../../common/password-renewal';
import { unreachableCodes } from './connectionTest';
import { FailureText } from './FailureText';
import { ModalDialog } from './ModalDialog';
import { PasswordInput } from './PasswordInput';

/**
 * The modal opens only after a test succeeded with the login on screen, and the login cannot be
 * changed here: a refusal is this new password's.
 */
const newPasswordRejected =
  "Vérifiez le nouveau mot de passe communiqué par Chorus Pro, puis saisissez-le à nouveau : Chorus Pro le refuse, rien n'a été enregistré.";

type Step =
  { readonly kind: 'typing' } | { readonly kind: 'checking' } | { readonly kind: 'refused'; readonly failure: Failure };

interface Props {
  readonly onRenewed: (renewal: PasswordRenewal) => void;
  readonly onAbandon: () => void;
}

/** "Saisie du mot de passe": the new password is checked with Chorus Pro before it is kept. */
export function PasswordModal({ onRenewed, onAbandon }: Props) {
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'typing' });
  const [spacesConfirmed, setSpacesConfirmed] = useState(false);

  const renew = async (verify: boolean) => {
    setStep({ kind: 'checking' });
    const answer = await window.chorus.renewPassword({ password, verify, surroundingSpacesConfirmed: spacesConfirmed });
    if (answer.ok) onRenewed(answer);
    else setStep({ kind: 'refused', failure: answer });
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (step.kind !== 'checking' && password) void renew(true);
  };

  const abandon = () => {
    if (step.kind === 'checking') void window.chorus.cancelConnectionOperation();
    onAbandon();
  };

  const refused = step.kind === 'refused' ? step.failure : undefined;
  return (
    <ModalDialog title="Saisie du mot de passe" onCancel={abandon} className="password-modal">
      <form onSubmit={submit}>
        <div className="grid">
          <label htmlFor="newPassword">Nouveau mot de passe</label>
          <div>
            <PasswordInput
              id="newPassword"
              value={password}
              autoFocus
              aria-describedby={refused ? 'renewal-failure' : undefined}
              onChange={(event) => {
                setPassword(event.target.value);
                setSpacesConfirmed(false);
              }}
            />
          </div>
        </div>
        {step.kind === 'checking' && (
          <p role="status" className="progress">
            <span className="spinner" aria-hidden="true" /> Test du mot de passe auprès de Chorus Pro…
          </p>
        )}
        {refused && (
          <div role="alert" className="failure" id="renewal-failure">
            {/* The login was just accepted: the refusal's details, which speak of it, do not apply here. */}
            <FailureText failure={refused.code === 'AUTH_REJECTED' ? { message: newPasswordRejected } : refused} />
            {refused.code === 'CONFIRMATION_REQUIRED' && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={spacesConfirmed}
                  onChange={(event) => setSpacesConfirmed(event.target.checked)}
                />
                Le mot de passe est exact, avec ses espaces
              </label>
            )}
            {unreachableCodes.has(refused.code) && (
              <button type="button" onClick={() => void renew(false)}>
                Enregistrer sans vérifier
              </button>
            )}
          </div>
        )}
        <div className="actions end">
          <button type="submit" disabled={!password || step.kind === 'checking'}>
            Valider
          </button>
          <button type="button" onClick={abandon}>
            Abandonner
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
