import { describe, expect, it } from 'vitest';
import { reviewReplyDue } from '../../../src/triage/review-reply-due.js';
import { makeAcme } from '../../support/make-config.js';
import { buildSchedule, dates } from '../schedule/build-schedule.js';

// Wednesday 25 November 2026, 10:00 in New York; with replyWithin 2h, due at 12:00.
const receivedAt = new Date('2026-11-25T15:00:00Z');
const due = new Date('2026-11-25T17:00:00Z');
const acme = makeAcme({ replyWithinSeconds: 7200 });

describe('reviewReplyDue', () => {
  it('due at the instant it was planned for', () => {
    expect(reviewReplyDue(acme, receivedAt, due)).toEqual({ kind: 'due', dueAt: due });
  });

  it('a check that runs late is still due', () => {
    expect(reviewReplyDue(acme, receivedAt, new Date('2026-11-25T18:00:00Z')).kind).toBe('due');
  });

  it('a longer promise now: later', () => {
    const longer = makeAcme({ replyWithinSeconds: 3 * 3600 });
    // 10:00-12:30 and 13:30-14:00.
    expect(reviewReplyDue(longer, receivedAt, due)).toEqual({
      kind: 'later',
      dueAt: new Date('2026-11-25T19:00:00Z'),
    });
  });

  it('a day off added since: the clock stops for it', () => {
    const dayOff = makeAcme({
      replyWithinSeconds: 7200,
      schedule: buildSchedule({
        timeZone: 'America/New_York',
        hours: { 3: ['09:00-11:00'], 1: ['09:00-17:00'] },
        daysOff: [dates('2026-11-25', '2026-11-25')],
      }),
    });
    // Wednesday is off now: Monday 30 November 09:00 + 2h.
    expect(reviewReplyDue(dayOff, receivedAt, due)).toEqual({
      kind: 'later',
      dueAt: new Date('2026-11-30T16:00:00Z'),
    });
  });

  it.each([
    ['client-gone', undefined],
    ['promise-off', makeAcme({ replyWithinSeconds: null })],
    [
      'never-due',
      makeAcme({
        replyWithinSeconds: 7200,
        schedule: { timeZone: 'America/New_York', hours: {}, checkIns: [], daysOff: [] },
      }),
    ],
  ] as const)('dropped: %s', (reason, client) => {
    expect(reviewReplyDue(client, receivedAt, due)).toEqual({ kind: 'dropped', reason });
  });
});
