import { AppError } from '../failures/errors';

/** Windows' Credential Manager refuses a secret larger than this (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const maxPasswordBytes = 2560;

export interface PasswordCheckOptions {
  /** The user saw the warning about surrounding spaces and confirmed the password as typed. */
  readonly surroundingSpacesConfirmed: boolean;
}

/**
 * What Chorus Pro generated is accepted as it is: no length or complexity rule is invented, only
 * what the keychain cannot store is refused. Surrounding spaces are never trimmed silently.
 */
export function checkNewPassword(password: string, options: PasswordCheckOptions): void {
  if (password.length === 0) {
    throw new AppError('PASSWORD_REFUSED', 'le mot de passe est vide');
  }
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > maxPasswordBytes) {
    throw new AppError(
      'PASSWORD_REFUSED',
      `${bytes} octets, le coffre-fort de Windows en accepte ${maxPasswordBytes} au plus`,
    );
  }
  if (password !== password.trim() && !options.surroundingSpacesConfirmed) {
    throw new AppError('CONFIRMATION_REQUIRED');
  }
}
