/**
 * The OS keychain the main process keeps secrets in, by the name its users know it under. The
 * renderer has no Node: the platform comes from the user agent, which Electron sets per OS.
 */
export function keychainName(userAgent: string = navigator.userAgent): string {
  if (/Windows/.test(userAgent)) return "le Gestionnaire d'identification Windows";
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'le Trousseau de macOS';
  return 'le Secret Service du bureau (GNOME Keyring ou KWallet)';
}
