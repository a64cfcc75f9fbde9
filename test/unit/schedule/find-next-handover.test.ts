import { describe, expect, it } from 'vitest';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import { findNextHandover } from '../../../src/schedule/find-next-handover.js';

const sam = { name: 'Sam Ortiz', address: 'sam@studio.example' };
const priya = { name: 'Priya Shah', address: 'priya@studio.example' };

/** Weekly turns from Monday 23 November 2026 09:00 London: Sam, then Priya. */
const weekly: OnCallRules = {
  backups: [sam, priya],
  rotation: { every: 'week', startsAt: '2026-11-23T09:00', timeZone: 'Europe/London' },
  overrides: [],
};

describe('findNextHandover', () => {
  it.each([
    ['during Sam’s first week', weekly, '2026-11-25T12:00:00Z', '2026-11-30T09:00:00.000Z', priya],
    ['a minute before the turn', weekly, '2026-11-30T08:59:00Z', '2026-11-30T09:00:00.000Z', priya],
    [
      'at the turn itself: the next one',
      weekly,
      '2026-11-30T09:00:00Z',
      '2026-12-07T09:00:00.000Z',
      sam,
    ],
    [
      // London's clocks go forward on 29 March 2026: the 09:00 handover is 08:00 UTC after it.
      'across the spring change, at 09:00 local',
      weekly,
      '2026-03-27T12:00:00Z',
      '2026-03-30T08:00:00.000Z',
      // 23 Nov 2026 is Sam's turn 0; 30 Mar 2026 starts turn -34, an even turn: Sam.
      sam,
    ],
    [
      'an override starts at local midnight',
      {
        ...weekly,
        overrides: [{ from: '2026-11-27', to: '2026-11-28', backup: 'priya@studio.example' }],
      },
      '2026-11-25T12:00:00Z',
      '2026-11-27T00:00:00.000Z',
      priya,
    ],
    [
      'an override ends: back to the rotation at the next midnight',
      {
        ...weekly,
        overrides: [{ from: '2026-11-27', to: '2026-11-28', backup: 'priya@studio.example' }],
      },
      '2026-11-27T12:00:00Z',
      '2026-11-29T00:00:00.000Z',
      sam,
    ],
    [
      'daily turns in New York',
      {
        backups: [sam, priya],
        rotation: { every: 'day', startsAt: '2026-11-23T18:30', timeZone: 'America/New_York' },
        overrides: [],
      },
      '2026-11-24T12:00:00Z',
      '2026-11-24T23:30:00.000Z',
      priya,
    ],
  ] as const)('%s', (_name, onCall, at, expectedAt, expectedBackup) => {
    const handover = findNextHandover(onCall, new Date(at));
    expect(handover?.at.toISOString()).toBe(expectedAt);
    expect(handover?.backup).toEqual(expectedBackup);
  });

  it('skips a turn that keeps the same person (an override naming who is on call anyway)', () => {
    const onCall: OnCallRules = {
      ...weekly,
      overrides: [{ from: '2026-11-30', to: '2026-12-01', backup: 'sam@studio.example' }],
    };
    const handover = findNextHandover(onCall, new Date('2026-11-25T12:00:00Z'));
    expect(handover?.at.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(handover?.backup).toEqual(priya);
  });

  it('is null with one backup, and with none', () => {
    expect(
      findNextHandover({ ...weekly, backups: [sam] }, new Date('2026-11-25T12:00:00Z')),
    ).toBeNull();
    expect(
      findNextHandover({ ...weekly, backups: [] }, new Date('2026-11-25T12:00:00Z')),
    ).toBeNull();
  });
});
