import { describe, expect, it } from 'vitest';
import { AppError, toFailure } from './errors';
import { keychainUnavailableAdvice } from '../secrets/keychain-name';

describe('failure wordings', () => {
  it('gives the screen its wording and the command line one that names options, never the window', () => {
    const rejected = new AppError('AUTH_REJECTED');
    expect(toFailure(rejected).message).toContain('saisissez ici le nouveau mot de passe');
    expect(toFailure(rejected, 'command-line').message).toContain('set-password --password-stdin');
    const slow = new AppError('TIMEOUT');
    expect(toFailure(slow).message).toContain('paramètres avancés');
    expect(toFailure(slow, 'command-line').message).toContain('configure --timeout');
    expect(toFailure(slow, 'command-line').message).not.toContain('paramètres avancés');
  });

  it('starts a refused input on the command line with what is wrong', () => {
    const failure = toFailure(new AppError('INVALID_INPUT', '--timeout : 5 au minimum'), 'command-line');
    expect(failure.message).toMatch(/^--timeout : 5 au minimum\. Rien n'a été enregistré/);
    expect(toFailure(new AppError('INVALID_INPUT', 'Lien URL : adresse mal formée')).message).toMatch(/^Les données saisies sont invalides/);
  });

  it('says why a profile is refused first, then what to do, on the screen and the command line', () => {
    const wrongPassphrase = new AppError('PROFILE_REFUSED', 'phrase secrète incorrecte (ou bloc des mots de passe altéré) ; vérifiez la phrase secrète');
    for (const surface of ['screen', 'command-line'] as const) {
      const { message } = toFailure(wrongPassphrase, surface);
      expect(message).toMatch(/^Ce profil de déploiement ne peut pas être importé : phrase secrète incorrecte \(ou bloc des mots de passe altéré\) ; vérifiez la phrase secrète\. Les paramètres actuels n'ont pas été modifiés\. /);
      expect(message).toContain("demandez à son expéditeur de l'exporter à nouveau.");
    }
  });

  it('names the keychain of the platform it runs on', () => {
    expect(keychainUnavailableAdvice('win32')).toContain("Gestionnaire d'identification Windows");
    expect(keychainUnavailableAdvice('darwin')).toContain('Trousseau de macOS');
    expect(keychainUnavailableAdvice('linux')).toContain('Secret Service');
    expect(keychainUnavailableAdvice('linux')).not.toContain('Windows');
    // A Linux server without a desktop: the way out is the project's throwaway keychain.
    expect(keychainUnavailableAdvice('linux')).toContain('scripts/with-keyring.sh');
  });
});
