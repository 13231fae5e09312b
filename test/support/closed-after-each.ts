import { afterEach } from 'vitest';

/**
 * Returns a function that keeps what a test opened and hands it back; after each test, all it kept
 * is closed with `close`, whether the test passed or not.
 */
export function closedAfterEachTest<Opened>(close: (opened: Opened) => Promise<unknown>): (opened: Opened) => Opened {
  const kept: Opened[] = [];
  afterEach(async () => {
    await Promise.all(kept.splice(0).map(close));
  });
  return (opened) => {
    kept.push(opened);
    return opened;
  };
}
