// Deployment profiles as the screen sees them: what an import would change, what an export wrote.
// Plain TypeScript, shared by main and the renderer.

/** One setting a deployment profile would change, for the user to confirm. */
export interface ProfileChange {
  readonly setting: string;
  readonly before: string;
  readonly after: string;
}

export type ProfilePreview =
  | { readonly chosen: false }
  | {
      readonly chosen: true;
      readonly file: string;
      readonly changes: readonly ProfileChange[];
      /** The profile carries encrypted secrets: importing it asks for its passphrase. */
      readonly withSecrets: boolean;
    };

/** What an export wrote; `withSecrets` when the passwords went in, encrypted. */
export interface ProfileExport {
  readonly saved: boolean;
  readonly file?: string;
  readonly withSecrets?: boolean;
}

/** A passphrase that protects the secrets a deployment profile carries: its minimum length. */
export const minPassphraseLength = 12 as const;
