import { describe, expect, it } from 'vitest';
import {
  computeBackoffMs,
  loginBackoff,
  reconnectBackoff,
} from '../../../src/mail/compute-backoff.js';

describe('computeBackoffMs', () => {
  it.each([
    // failures, random, ms: doubling from 250 ms, between half and all of it, capped at 2.5 s
    [1, 0, 125],
    [1, 0.999, 250],
    [2, 0, 250],
    [3, 0.5, 750],
    [4, 0.999, 1_999],
    [5, 0, 1_250],
    [5, 0.999, 2_499],
    [40, 0.999, 2_499],
    [1_000_000, 0, 1_250],
  ])('network, failure %i, random %d: %i ms', (failures, random, ms) => {
    expect(computeBackoffMs(failures, reconnectBackoff, random)).toBe(ms);
  });

  it('never waits longer than 2.5 s between network attempts, however long the outage', () => {
    // Ten minutes of refused connections: every pause stays under the cap.
    let elapsed = 0;
    let failures = 0;
    while (elapsed < 10 * 60_000) {
      failures += 1;
      const pause = computeBackoffMs(failures, reconnectBackoff, 0.999);
      expect(pause).toBeLessThanOrEqual(2_500);
      elapsed += pause;
    }
    expect(failures).toBeGreaterThan(200);
  });

  it.each([
    [1, 0, 2_500],
    [2, 0.999, 9_995],
    [5, 0.999, 59_970],
    [50, 0, 30_000],
  ])('refused login, failure %i, random %d: %i ms', (failures, random, ms) => {
    expect(computeBackoffMs(failures, loginBackoff, random)).toBe(ms);
  });
});
