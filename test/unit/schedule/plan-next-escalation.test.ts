import { describe, expect, it } from 'vitest';
import { buildWeeklyHours } from '../../../src/config/build-weekly-hours.js';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import {
  planNextEscalation,
  type PlannedEscalation,
} from '../../../src/schedule/plan-next-escalation.js';

const ann = { name: 'Ann', address: 'ann@example.com' };
const bob = { name: 'Bob', address: 'bob@example.com' };
const me = 'dana.personal@example.net';

const base: OnCallRules = {
  backups: [ann, bob],
  rotation: { every: 'week', startsAt: '2026-03-02T09:00', timeZone: 'Europe/London' },
  overrides: [],
  escalation: { afterSeconds: 900, finally: me },
};
/** Bob sleeps 22:00-07:00 London. */
const bobQuiet: OnCallRules = {
  ...base,
  quietHours: {
    'bob@example.com': {
      timeZone: 'Europe/London',
      hours: buildWeeklyHours({ daily: ['22:00-07:00'] }),
    },
  },
};
const noFinally: OnCallRules = { ...base, escalation: { afterSeconds: 900, finally: null } };

type Expected = { dueAt: string; delayMs: number; to: string } | null;

const summarize = (plan: PlannedEscalation | null): Expected =>
  plan === null
    ? null
    : {
        dueAt: plan.dueAt.toISOString(),
        delayMs: plan.delayMs,
        to: plan.target.kind === 'backup' ? plan.target.backup.address : plan.target.address,
      };

describe('planNextEscalation', () => {
  it.each<[string, OnCallRules, string[], string, string, Expected]>([
    [
      'the next backup, after `after`',
      base,
      [ann.address],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:00:00Z',
      { dueAt: '2026-03-28T12:15:00.000Z', delayMs: 900_000, to: bob.address },
    ],
    [
      'a late plan keeps the due time and waits less',
      base,
      [ann.address],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:10:00Z',
      { dueAt: '2026-03-28T12:15:00.000Z', delayMs: 300_000, to: bob.address },
    ],
    [
      'quiet hours are read at the due instant: 21:50 + 15 min is 22:05, Bob is asleep',
      bobQuiet,
      [ann.address],
      '2026-03-28T21:50:00Z',
      '2026-03-28T21:50:00Z',
      { dueAt: '2026-03-28T22:05:00.000Z', delayMs: 900_000, to: me },
    ],
    [
      'after every backup, finally',
      base,
      [ann.address, bob.address],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:00:00Z',
      { dueAt: '2026-03-28T12:15:00.000Z', delayMs: 900_000, to: me },
    ],
    [
      'after finally, nothing: the escalation ends with this step',
      base,
      [ann.address, bob.address, me],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:00:00Z',
      null,
    ],
    [
      'without finally it ends with the backups',
      noFinally,
      [ann.address, bob.address],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:00:00Z',
      null,
    ],
    [
      'without escalation nothing is planned',
      { ...base, escalation: null },
      [ann.address],
      '2026-03-28T12:00:00Z',
      '2026-03-28T12:00:00Z',
      null,
    ],
    [
      '15 minutes are 15 minutes across the spring change (01:00 GMT becomes 02:00 BST)',
      base,
      [ann.address],
      '2026-03-29T00:50:00Z',
      '2026-03-29T00:50:00Z',
      { dueAt: '2026-03-29T01:05:00.000Z', delayMs: 900_000, to: bob.address },
    ],
  ])('%s', (_name, onCall, asked, stepAt, now, expected) => {
    expect(summarize(planNextEscalation(onCall, asked, new Date(stepAt), new Date(now)))).toEqual(
      expected,
    );
  });
});
