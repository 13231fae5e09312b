import type { Page } from '@playwright/test';
import type { ChannelName } from '../../common/bridge';

// The screen reads its sections from the main process as it comes up (each section asks on its
// own: the accounts, the fleet line, the destinations, the daily check…), and a picture taken
// before the last answer shows a section in its empty state: CI once pictured a fleet member's
// screen without « rien à faire sur ce poste », its destinations not yet read. Both targets carry
// every bridge call through a Playwright binding on this side, so this side counts the readings
// still unanswered and a picture waits for none. Only the workstation's own readings: a call to
// Chorus Pro (a test, the structures) is an action whose progress a story may picture.
const screenReadings: ReadonlySet<string> = new Set<ChannelName>([
  'getAppInfo',
  'getSettings',
  'listAccounts',
  'getDailyCheck',
  'getFleetView',
  'getFleetParks',
  'getExchange',
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

const twoFrames = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

/**
 * Resolves once every reading the page asked has been answered and drawn: none unanswered, and
 * none asked during the two frames that follow (an answer may make a section ask for more). A
 * page of a target that does not count (the real Electron's) resolves at once.
 */
export async function screenReadingsAnswered(page: Page, timeoutMs = 15_000): Promise<void> {
  const readings = readingsOf.get(page);
  if (!readings) return;
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
        `L'écran attend encore ${readings.unanswered} lecture(s) du processus principal après ${timeoutMs / 1000} s : ` +
          "une section ne reçoit pas sa réponse, l'image n'est pas prise.",
      );
  }
}
