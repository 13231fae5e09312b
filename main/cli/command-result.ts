/** What a command reports: one JSON object with --json, readable lines otherwise. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly lines: readonly string[];
  /** The command ran, but what it reports is a failure (exit status 1): `test --all` with one refusal. */
  readonly failed?: boolean;
  /** `test --all`: every account works, but a password is to be renewed soon (exit status 3, unless it failed). */
  readonly renewSoon?: boolean;
}
