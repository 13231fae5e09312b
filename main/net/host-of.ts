/** The host of an address (for messages, keychain entries); `otherwise` when it is not one, the text itself by default. */
export function hostOf(url: string, otherwise: string = url): string {
  try {
    return new URL(url).host;
  } catch {
    return otherwise;
  }
}
