import { afterAll, beforeAll } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';

/**
 * One simulator with the demo fixture for a whole test file: started before its first test, closed
 * after its last. The returned function reads it from inside a test or hook.
 */
export function simulatorForTheFile(): () => Simulator {
  let running: Simulator | undefined;
  beforeAll(async () => {
    running = await startSimulator({ fixture: loadFixture() });
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('The simulator starts before the first test: read it from inside a test or hook.');
    return running;
  };
}
