import { describe, expect, it } from 'vitest';
import { buildWeeklyHours } from '../../../src/config/build-weekly-hours.js';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import {
  chooseEscalationTarget,
  type EscalationTarget,
} from '../../../src/schedule/choose-escalation-target.js';

const ann = { name: 'Ann', address: 'ann@example.com' };
const bob = { name: 'Bob', address: 'bob@example.com' };
const cat = { name: 'Cat', address: 'cat@example.com' };
const me = 'dana.personal@example.net';

const base: OnCallRules = {
  backups: [ann, bob, cat],
  rotation: { every: 'week', startsAt: '2026-03-02T09:00', timeZone: 'Europe/London' },
  overrides: [],
  escalation: { afterSeconds: 900, finally: me },
};
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
const noEscalation: OnCallRules = { ...base, escalation: null };

const backup = (to: typeof ann, skipped: (typeof ann)[] = []): EscalationTarget => ({
  kind: 'backup',
  backup: to,
  skipped,
});
const toFinally = (skipped: (typeof ann)[] = []): EscalationTarget => ({
  kind: 'finally',
  address: me,
  skipped,
});

// Midday and night in London on Saturday 28 March 2026, the night before the spring change.
const day = '2026-03-28T12:00:00Z';
const night = '2026-03-28T23:00:00Z';

describe('chooseEscalationTarget', () => {
  it.each([
    ['after the first backup, the next in the rotation', base, [ann.address], day, backup(bob)],
    ['the rotation goes round from the first one asked', base, [cat.address], day, backup(ann)],
    ['from the middle', base, [bob.address], day, backup(cat)],
    ['a third step: the one not yet asked', base, [ann.address, bob.address], day, backup(cat)],
    [
      'every backup asked: finally',
      base,
      [ann.address, bob.address, cat.address],
      day,
      toFinally(),
    ],
    ['finally asked too: over', base, [ann.address, bob.address, cat.address, me], day, null],
    [
      'addresses compared in any case',
      base,
      ['ANN@example.com', 'Bob@Example.com'],
      day,
      backup(cat),
    ],
    [
      'the next backup in quiet hours is skipped',
      bobQuiet,
      [ann.address],
      night,
      backup(cat, [bob]),
    ],
    [
      'awake again after the spring change: 07:00 BST is 06:00Z',
      bobQuiet,
      [ann.address],
      '2026-03-29T06:00:00Z',
      backup(bob),
    ],
    [
      'still asleep at 06:59 BST',
      bobQuiet,
      [ann.address],
      '2026-03-29T05:59:00Z',
      backup(cat, [bob]),
    ],
    [
      'the last one left is quiet: finally',
      bobQuiet,
      [ann.address, cat.address],
      night,
      toFinally([bob]),
    ],
    [
      'a quiet backup not asked is not asked later either once finally had it',
      bobQuiet,
      [ann.address, cat.address, me],
      night,
      null,
    ],
    [
      'no finally: over after the backups',
      noFinally,
      [ann.address, bob.address, cat.address],
      day,
      null,
    ],
    ['no escalation configured', noEscalation, [ann.address], day, null],
  ])('%s', (_label, onCall, asked, at, expected) => {
    expect(chooseEscalationTarget(onCall, asked, new Date(at))).toEqual(expected);
  });

  it('with one backup, goes straight to finally', () => {
    expect(
      chooseEscalationTarget({ ...base, backups: [ann] }, [ann.address], new Date(day)),
    ).toEqual(toFinally());
  });
});
