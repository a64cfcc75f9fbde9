import { describe, expect, it } from 'vitest';
import { findEscalationDueAt } from '../../../src/schedule/find-escalation-due-at.js';

describe('findEscalationDueAt', () => {
  it.each([
    [
      '15 minutes after the step',
      '2026-11-25T22:00:00Z',
      900,
      '2026-11-25T22:00:00Z',
      '2026-11-25T22:15:00Z',
      900_000,
    ],
    [
      'part of the wait already gone',
      '2026-11-25T22:00:00Z',
      900,
      '2026-11-25T22:10:00Z',
      '2026-11-25T22:15:00Z',
      300_000,
    ],
    [
      'overdue (a daemon that was down): at once',
      '2026-11-25T22:00:00Z',
      900,
      '2026-11-25T23:00:00Z',
      '2026-11-25T22:15:00Z',
      0,
    ],
    // 00:50 GMT on 29 March 2026 plus 15 minutes is 02:05 BST on the wall: 15 real minutes.
    [
      'across the spring change in London',
      '2026-03-29T00:50:00Z',
      900,
      '2026-03-29T00:50:00Z',
      '2026-03-29T01:05:00Z',
      900_000,
    ],
    // 01:50 BST plus an hour is 01:50 GMT: the wall clock shows the same time again.
    [
      'across the fall change in London',
      '2026-10-25T00:50:00Z',
      3600,
      '2026-10-25T00:50:00Z',
      '2026-10-25T01:50:00Z',
      3_600_000,
    ],
    [
      'seconds, as tests use',
      '2026-11-25T22:00:00Z',
      2,
      '2026-11-25T22:00:01Z',
      '2026-11-25T22:00:02Z',
      1000,
    ],
  ])('%s', (_label, stepAt, afterSeconds, now, dueAt, delayMs) => {
    expect(findEscalationDueAt(new Date(stepAt), { afterSeconds }, new Date(now))).toEqual({
      dueAt: new Date(dueAt),
      delayMs,
    });
  });
});
