/** What one script or server destination made of one password, in French. */
export interface DestinationOutcome {
  readonly ok: boolean;
  /** Why it failed (or a remark when it did not need to run). */
  readonly message?: string;
  /** What a script printed, secrets masked. */
  readonly output?: string;
}
