import { describe, expect, it } from 'vitest';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import { findBackupOnCall } from '../../../src/schedule/find-backup-on-call.js';

const backups = [
  { name: 'Ann', address: 'ann@example.com' },
  { name: 'Bob', address: 'bob@example.com' },
  { name: 'Cat', address: 'cat@example.com' },
];

/** Weekly turns from Monday 2 March 2026 09:00 New York, just before the spring change. */
const weekly: OnCallRules = {
  backups,
  rotation: { every: 'week', startsAt: '2026-03-02T09:00', timeZone: 'America/New_York' },
  overrides: [],
};

/** Daily turns from Saturday 7 March 2026 18:00 New York. */
const daily: OnCallRules = {
  backups,
  rotation: { every: 'day', startsAt: '2026-03-07T18:00', timeZone: 'America/New_York' },
  overrides: [],
};

const withOverrides: OnCallRules = {
  ...weekly,
  overrides: [
    { from: '2026-03-10', to: '2026-03-12', backup: 'cat@example.com' },
    { from: '2026-03-11', to: '2026-03-11', backup: 'ANN@example.com' },
    { from: '2026-03-13', to: '2026-03-13', backup: 'nobody@example.com' },
  ],
};

describe('findBackupOnCall', () => {
  it.each([
    ['weekly: first turn at 09:00 EST', weekly, '2026-03-02T14:00:00Z', 'Ann'],
    ['weekly: a minute before the first turn', weekly, '2026-03-02T13:59:00Z', 'Cat'],
    // After the spring change the handover stays at 09:00 local, now 13:00Z.
    ['weekly: 08:59 EDT, still the first turn', weekly, '2026-03-09T12:59:00Z', 'Ann'],
    ['weekly: 09:00 EDT, second turn', weekly, '2026-03-09T13:00:00Z', 'Bob'],
    ['weekly: third turn', weekly, '2026-03-16T13:00:00Z', 'Cat'],
    ['weekly: fourth turn wraps round', weekly, '2026-03-23T13:00:00Z', 'Ann'],
    // 2 November is 35 weeks on, after the fall change: handover at 09:00 EST, 14:00Z.
    ['weekly: 08:59 EST after the fall change', weekly, '2026-11-02T13:59:00Z', 'Bob'],
    ['weekly: 09:00 EST after the fall change', weekly, '2026-11-02T14:00:00Z', 'Cat'],
    ['weekly: one turn before the start', weekly, '2026-02-23T14:00:00Z', 'Cat'],
    ['weekly: two turns before the start', weekly, '2026-02-16T14:00:00Z', 'Bob'],
    ['weekly: three turns before the start', weekly, '2026-02-16T13:59:00Z', 'Ann'],
    ['daily: first turn', daily, '2026-03-07T23:00:00Z', 'Ann'],
    ['daily: 17:59 EDT on the spring-forward day', daily, '2026-03-08T21:59:00Z', 'Ann'],
    ['daily: 18:00 EDT on the spring-forward day', daily, '2026-03-08T22:00:00Z', 'Bob'],
    ['daily: the day before the start', daily, '2026-03-07T22:59:00Z', 'Cat'],
    ['override', withOverrides, '2026-03-10T16:00:00Z', 'Cat'],
    ['override from 00:00 local', withOverrides, '2026-03-10T04:00:00Z', 'Cat'],
    [
      'override not yet at 23:59 local the day before',
      withOverrides,
      '2026-03-10T03:59:00Z',
      'Bob',
    ],
    ['overlapping overrides: the last wins', withOverrides, '2026-03-11T16:00:00Z', 'Ann'],
    ['override up to the end of its last day', withOverrides, '2026-03-13T03:59:00Z', 'Cat'],
    [
      'an override naming an unknown address is ignored',
      withOverrides,
      '2026-03-13T16:00:00Z',
      'Bob',
    ],
  ])('%s', (_name, onCall, at, name) => {
    expect(findBackupOnCall(onCall, new Date(at))?.name).toBe(name);
  });

  it('returns null without backups', () => {
    expect(
      findBackupOnCall({ ...weekly, backups: [] }, new Date('2026-03-09T13:00:00Z')),
    ).toBeNull();
  });

  it.each(['2026-03-02 09:00', '2026-02-30T09:00', '2026-03-02T24:00'])(
    'refuses startsAt %s',
    (startsAt) => {
      const onCall = { ...weekly, rotation: { ...weekly.rotation, startsAt } };
      expect(() => findBackupOnCall(onCall, new Date('2026-03-09T13:00:00Z'))).toThrow(/startsAt/);
    },
  );
});
