/**
 * Starts a fixture once for the enclosing describe block and stops it after. If it cannot
 * start (a missing binary, a port that never answers), every test of the block fails with
 * that error: vitest would report them as skipped if the error stayed in beforeAll, and a
 * missing service must never look like a skip.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';

export function useFixture<T>(
  start: () => Promise<T>,
  stop: (fixture: T) => Promise<void>,
): () => T {
  let fixture: { started: true; value: T } | { started: false; error: unknown } = {
    started: false,
    error: new Error('fixture used outside a test of the describe block that declared it'),
  };

  beforeAll(async () => {
    try {
      fixture = { started: true, value: await start() };
    } catch (error) {
      fixture = { started: false, error };
    }
  });

  beforeEach(() => {
    if (!fixture.started) throw fixture.error;
  });

  afterAll(async () => {
    if (fixture.started) await stop(fixture.value);
  });

  return () => {
    if (!fixture.started) throw fixture.error;
    return fixture.value;
  };
}
