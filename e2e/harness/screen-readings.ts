import type { Page } from '@playwright/test';
import type { ChannelName } from '../../common/bridge';

// The screen reads its sections from the main process as it comes up (each section asks on its
// own: the accounts, the fleet line, the destinations, the daily check…), and a picture taken
// before the last answer shows a section in its empty state: CI once pictured a fleet member's
// screen without « rien à faire sur ce poste », its destinations not yet read. The browser and
// bundle targets carry every bridge call through a Playwright binding on this side, so this side
// counts the readings still unanswered and a picture waits for none. The workstation's own
// readings, and the end of a successful test (`waitForPasswordExpiry`: the expiry Chorus Pro
// reports, then the settings read again); not the test itself nor the structures, actions whose
// progress a story pictures. Not counted either: what the main process sends unasked (a fleet
// update, the reminder) until the page asks in its turn.
const screenReadings: ReadonlySet<string> = new Set<ChannelName>([
  'getAppInfo',
  'getSettings',
  'listAccounts',
  'getDailyCheck',
  'getFleetView',
  'getFleetParks',
  'getExchange',
  'waitForPasswordExpiry',
]);

type Readings = { unanswered: number; asked: number };
const readingsOf = new WeakMap<Page, Readings>();

/**
 * The page's reading counter: a target's bridge binding hands it each call's channel and the
 * call itself, and the counter notes the screen's readings in flight.
 */
export function screenReadingCounter(
  page: Page,
): <Answer>(channel: unknown, call: () => Promise<Answer>) => Promise<Answer> {
  const readings: Readings = { unanswered: 0, asked: 0 };
  readingsOf.set(page, readings);
  return async (channel, call) => {
    if (typeof channel !== 'string' || !screenReadings.has(channel)) return call();
    readings.unanswered += 1;
    readings.asked += 1;
    try {
      return await call();
    } finally {
      readings.unanswered -= 1;
    }
  };
}

/** Two animation frames, or 250 ms if the page draws none (hidden): the deadline stays checked. */
const twoFrames = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        setTimeout(done, 250);
        requestAnimationFrame(() => requestAnimationFrame(() => done()));
      }),
  );

/**
 * Resolves once every reading the page asked has been answered and drawn: none unanswered, and
 * none asked during the two frames that follow (an answer may make a section ask for more). The
 * real Electron's target does not count (its bridge is Electron's own): there it resolves at once.
 */
export async function screenReadingsAnswered(page: Page, timeoutMs = 15_000): Promise<void> {
  const readings = readingsOf.get(page);
  if (!readings) {
    if (process.env.E2E_TARGET === 'electron') return;
    throw new Error(
      "Cette page n'a pas de compteur de lectures : ouvrez-la par launch() (e2e/fixtures.ts), " +
        "sinon l'image pourrait montrer une section avant sa réponse.",
    );
  }
  const deadline = Date.now() + timeoutMs;
  // Read through a function: the counts change while this awaits.
  const settled = (askedBefore: number): boolean => readings.unanswered === 0 && readings.asked === askedBefore;
  for (;;) {
    const askedBefore = readings.asked;
    if (readings.unanswered === 0) {
      await twoFrames(page);
      if (settled(askedBefore)) return;
    } else await new Promise((resume) => setTimeout(resume, 20));
    if (Date.now() > deadline)
      throw new Error(
        readings.unanswered > 0
          ? `L'écran attend encore ${readings.unanswered} lecture(s) du processus principal après ${timeoutMs / 1000} s : ` +
              "une section ne reçoit pas sa réponse, l'image n'est pas prise."
          : `L'écran lit encore le processus principal après ${timeoutMs / 1000} s, une lecture après l'autre : ` +
              "une section redemande sans cesse, l'image n'est pas prise.",
      );
  }
}
