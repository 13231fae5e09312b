// The fleet's line and the publisher's « Parc de postes », as the screen shows them. Plain
// TypeScript, shared by main and the renderer.

/** The fleet (one renewal published for every workstation) as the screen shows it for the account on screen. */
export interface FleetView {
  /** The account is kept by the IT department's fleet: the revision applied here and when (ISO). */
  readonly managed?: { readonly revision: number; readonly receivedAt: string };
  /** This user asked to join a fleet that has sent it nothing yet: the phrase the IT person compares, and its id. */
  readonly waiting?: { readonly phrase: string | null; readonly memberId: string };
  /** The machine's fleet pointer not followed (or not joined yet): what happened and what to do, in French. */
  readonly pointer?: string;
}

/** One row of the publisher's « Parc de postes » (main/fleet/report-rows.ts): a workstation × an account, in words. */
export interface FleetParkRow {
  readonly memberId: string;
  readonly workstation: string;
  readonly account: string;
  readonly state: string;
  readonly level: 'ok' | 'warning' | 'critical';
  readonly lastCheck: string;
  readonly revision: string;
}

/** A fleet this user publishes, as its report says it (issue 32); or why it could not be read. */
export type FleetPark =
  | {
      readonly ok: true;
      readonly fingerprint: string;
      readonly folder: string;
      readonly latestRevision: number;
      readonly latestPublishedAt: string | null;
      /** Workstations waiting to be accepted, with the phrase to compare. */
      readonly pending: readonly {
        readonly id: string;
        readonly machine: string;
        readonly user: string;
        readonly phrase: string;
      }[];
      readonly rows: readonly FleetParkRow[];
      /** The severity in words, the share's warnings, what was ignored. */
      readonly summary: readonly string[];
      /** 0 all good, 1 something to do soon, 2 failing or silent. */
      readonly severity: 0 | 1 | 2;
    }
  | {
      readonly ok: false;
      readonly fingerprint: string;
      readonly folder: string;
      readonly message: string;
      readonly details?: string;
    };
