/** When the technical password should be renewed; dates are the user's local days, YYYY-MM-DD. */
export type PasswordReminder =
  | { readonly known: false; readonly due: false }
  | {
      readonly known: true;
      readonly due: boolean;
      readonly dueOn: string;
      readonly expiresOn: string;
      /** `chorus-pro` when Chorus Pro reported the expiry, `estimate` for last renewal + 424 days. */
      readonly source: 'estimate' | 'chorus-pro';
      /** With `chorus-pro`: the structure whose date it is (the earliest of those read). */
      readonly expiryStructure?: string;
      readonly daysLeft: number;
      readonly expired: boolean;
    };
