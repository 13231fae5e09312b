import { describe, expect, it } from 'vitest';
import { AppError, fieldFailure, toFailure } from './errors';
import { keychainUnavailableAdvice } from './keychain-name';

describe('failure wordings', () => {
  it('gives the screen its wording and the command line one that names options, never the window', () => {
    const rejected = new AppError('AUTH_REJECTED');
    expect(toFailure(rejected).message).toContain('Saisissez ici le nouveau mot de passe');
    expect(toFailure(rejected, 'command-line').message).toContain('set-password --password-stdin');
    const slow = new AppError('TIMEOUT');
    expect(toFailure(slow).details).toContain('paramètres avancés');
    expect(toFailure(slow, 'command-line').message).toContain('configure --timeout');
    expect(toFailure(slow, 'command-line').message).not.toContain('paramètres avancés');
  });

  it('starts a refused input on the command line with what is wrong', () => {
    const failure = toFailure(new AppError('INVALID_INPUT', '--timeout : 5 au minimum'), 'command-line');
    expect(failure.message).toMatch(/^--timeout : 5 au minimum\. Rien n'a été enregistré/);
    // On the screen too: the field's problem first (it stands under that field).
    expect(toFailure(new AppError('INVALID_INPUT', 'Lien URL : adresse mal formée')).message).toBe(
      "Lien URL\u00a0: adresse mal formée. Rien n'a été enregistré.",
    );
  });

  it("splits the screen's failure in two: what to do first, the rest under « Détails »; the command line keeps its whole message", () => {
    const refused = toFailure(new AppError('OAUTH_REJECTED', 'invalid_client'));
    expect(refused.message).not.toMatch(/invalid_client|jeton/);
    expect(refused.details).toMatch(
      /invalid_client\)[\s\S]*Précision\u00a0: invalid_client\. Code\u00a0: OAUTH_REJECTED\.$/,
    );
    const onTheCommandLine = toFailure(new AppError('OAUTH_REJECTED', 'invalid_client'), 'command-line');
    expect(onTheCommandLine).not.toHaveProperty('details');
    expect(onTheCommandLine.message).toBe(
      "PISTE a refusé l'identifiant client ou le secret client de l'application. Vérifiez-les (ils figurent dans votre application sur le portail PISTE), puis enregistrez-les avec configure --client-id ID et set-client-secret --client-secret-stdin. (invalid_client)",
    );
  });

  it('names the field a failure is about, and has its message for it', () => {
    expect(toFailure(new AppError('AUTH_REJECTED')).field).toBe('password');
    const noSecret = toFailure(
      fieldFailure('clientSecret', 'MISSING_SECRET', 'secret client PISTE pour api.piste.gouv.fr'),
    );
    expect(noSecret).toMatchObject({
      field: 'clientSecret',
      message: expect.stringContaining('à faire enregistrer par votre service informatique') as string,
    });
    expect(noSecret.details).toContain('api.piste.gouv.fr');
  });

  it('says why a profile is refused first, then what to do, on the screen and the command line', () => {
    const wrongPassphrase = new AppError(
      'PROFILE_REFUSED',
      'phrase secrète incorrecte (ou bloc des mots de passe altéré) ; vérifiez la phrase secrète',
    );
    const { message } = toFailure(wrongPassphrase, 'command-line');
    expect(message).toMatch(
      /^Ce profil de déploiement ne peut pas être importé : phrase secrète incorrecte \(ou bloc des mots de passe altéré\) ; vérifiez la phrase secrète\. Les paramètres actuels n'ont pas été modifiés\. /,
    );
    expect(message).toContain("demandez à son expéditeur de l'exporter à nouveau.");
    // The screen leads with the cause too (issue 35's wording), then what to do.
    const onScreen = toFailure(wrongPassphrase).message.replace(/[\u00a0\u202f]/g, ' ');
    expect(onScreen).toMatch(
      /^Phrase secrète incorrecte \(ou bloc des mots de passe altéré\) ; vérifiez la phrase secrète\. Rien n'a changé : demandez un nouveau profil/,
    );
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
