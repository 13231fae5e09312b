/** The OS keychain keytar writes to, by the name its users know it under. */
export function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return "Gestionnaire d'identification Windows";
  if (platform === 'darwin') return 'Trousseau de macOS';
  return 'Secret Service du bureau : GNOME Keyring ou KWallet';
}

/** KEYCHAIN_UNAVAILABLE's advice: what to open or unlock depends on the platform. */
export function keychainUnavailableAdvice(platform: NodeJS.Platform): string {
  const what = `Le coffre-fort de mots de passe du système (${keychainName(platform)}) est inaccessible : rien n'a été modifié.`;
  const then = 'puis réessayez ; si le problème persiste, contactez votre service informatique.';
  if (platform === 'win32')
    return `${what} Ouvrez votre session Windows normalement, déverrouillez le coffre-fort ou libérez de la place, ${then}`;
  if (platform === 'darwin')
    return `${what} Déverrouillez le trousseau de session dans « Trousseaux d'accès », ${then}`;
  return `${what} Ouvrez une session de bureau où le Secret Service est lancé et déverrouillé (sur un serveur sans bureau, lancez la commande dans un coffre-fort temporaire : scripts/with-keyring.sh npm run -s cli -- status, ou scripts/with-keyring.sh bash pour plusieurs commandes ; ses secrets disparaissent à la fin), ${then}`;
}
