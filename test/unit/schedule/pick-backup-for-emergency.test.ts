import { describe, expect, it } from 'vitest';
import { buildWeeklyHours } from '../../../src/config/build-weekly-hours.js';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import { pickBackupForEmergency } from '../../../src/schedule/pick-backup-for-emergency.js';

const ann = { name: 'Ann', address: 'ann@example.com' };
const bob = { name: 'Bob', address: 'bob@example.com' };
const cat = { name: 'Cat', address: 'cat@example.com' };
const nightsIn = (timeZone: string) => ({
  timeZone,
  hours: buildWeeklyHours({ daily: ['22:00-07:00'] }),
});

/** Weekly turns from Monday 2 March 2026 09:00 New York: Ann, then Bob, then Cat. */
const base: OnCallRules = {
  backups: [ann, bob, cat],
  rotation: { every: 'week', startsAt: '2026-03-02T09:00', timeZone: 'America/New_York' },
  overrides: [],
};
const annQuiet: OnCallRules = {
  ...base,
  quietHours: { 'ann@example.com': nightsIn('America/New_York') },
};
const annAndBobQuiet: OnCallRules = {
  ...base,
  quietHours: {
    'ann@example.com': nightsIn('America/New_York'),
    'bob@example.com': nightsIn('America/New_York'),
  },
};
const allQuiet: OnCallRules = {
  ...annAndBobQuiet,
  quietHours: { ...annAndBobQuiet.quietHours, 'cat@example.com': nightsIn('America/New_York') },
};
/** Cat lives in London: her night starts five hours before Ann's. */
const catInLondon: OnCallRules = {
  ...annQuiet,
  backups: [ann, cat, bob],
  quietHours: { ...annQuiet.quietHours, 'cat@example.com': nightsIn('Europe/London') },
};

describe('pickBackupForEmergency', () => {
  it.each([
    ['the backup on call, awake', annQuiet, '2026-03-04T17:00:00Z', ann, [], false],
    ['no quiet hours at all, at night', base, '2026-03-05T04:00:00Z', ann, [], false],
    ['on call in quiet hours: the next one', annQuiet, '2026-03-05T04:00:00Z', bob, [ann], false],
    [
      'two in quiet hours: the third',
      annAndBobQuiet,
      '2026-03-05T04:00:00Z',
      cat,
      [ann, bob],
      false,
    ],
    [
      'all quiet: the one on call anyway',
      allQuiet,
      '2026-03-05T04:00:00Z',
      ann,
      [ann, bob, cat],
      true,
    ],
    // Sunday 8 March 2026, the spring change in New York: 06:59 EDT is 10:59Z, 07:00 EDT 11:00Z.
    ['06:59 EDT on the spring-change day', annQuiet, '2026-03-08T10:59:00Z', bob, [ann], false],
    ['07:00 EDT on the spring-change day', annQuiet, '2026-03-08T11:00:00Z', ann, [], false],
    // 03:30Z is 22:30 EST for Ann and 03:30 in London for Cat: both asleep, so Bob gets it.
    [
      'the next backup is asleep in another zone',
      catInLondon,
      '2026-03-04T03:30:00Z',
      bob,
      [ann, cat],
      false,
    ],
    [
      'Cat awake in London while Ann sleeps',
      catInLondon,
      '2026-03-05T10:30:00Z',
      cat,
      [ann],
      false,
    ],
  ])('%s', (_label, onCall, at, backup, skipped, quiet) => {
    expect(pickBackupForEmergency(onCall, new Date(at))).toEqual({
      backup,
      skipped,
      allQuiet: quiet,
    });
  });

  it('is null without backups', () => {
    expect(
      pickBackupForEmergency({ ...base, backups: [] }, new Date('2026-03-04T17:00:00Z')),
    ).toBeNull();
  });
});
