/** The daily check's task in the Windows Task Scheduler, for the user running the app. */
export interface DailyCheckView {
  /** False outside Windows: the screen says the task can only be registered there. */
  readonly supported: boolean;
  readonly installed: boolean;
  /** HH:MM, local time; null when not installed (or unreadable). */
  readonly at: string | null;
  /** What the Task Scheduler refused, in French, when the last change failed. */
  readonly refusal?: string;
}
