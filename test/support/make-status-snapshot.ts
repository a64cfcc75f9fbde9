import type { StoredRecord } from '../../src/records/activity-record.js';
import type { StatusSnapshot } from '../../src/status/status-snapshot.js';
import { buildSchedule, dates, span } from '../unit/schedule/build-schedule.js';
import { exampleOnCall, makeAcme, makeBloom } from './make-config.js';

/*
 * A status snapshot as the shell would gather it on Wednesday 25 November 2026, 20:00 UTC
 * (London), for the unit tests, the bench and the README screenshot: Acme in New York is in
 * hours (Thanksgiving and a Friday off ahead, a dentist absence on Monday), Bloom in Sydney
 * is in its early-morning hours, Cedar in London is out of hours; mail of each kind.
 * Tests override the field they are about.
 */

export const snapshotAt = new Date('2026-11-25T20:00:00Z');

const acme = makeAcme();
const bloom = makeBloom();

export const cedarSchedule = buildSchedule({
  timeZone: 'Europe/London',
  hours: {
    1: ['09:30-17:30'],
    2: ['09:30-17:30'],
    3: ['09:30-17:30'],
    4: ['09:30-17:30'],
    5: ['09:30-13:00'],
  },
  checkIns: ['08:45'],
  daysOff: [dates('2026-11-30', '2026-11-30')],
});

let sequence = 0;

/** A record with the fields every record carries; `at` is minutes before snapshotAt. */
export function makeRecord(
  minutesAgo: number,
  fields: Partial<StoredRecord> & Pick<StoredRecord, 'outcome'>,
): StoredRecord {
  sequence += 1;
  const at = new Date(snapshotAt.getTime() - minutesAgo * 60_000);
  return {
    id: `${at.getTime()}-${sequence}`,
    at: at.toISOString(),
    client: 'acme',
    messageKey: `key-${sequence}`,
    messageId: `<m${sequence}@acme.example>`,
    from: 'jane@acme.example',
    subject: 'Invoice question',
    decision: 'reply-and-hold',
    reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_OUTSIDE_HOURS', 'ACTION_REPLY_AND_HOLD'],
    automated: false,
    emergency: false,
    jobId: null,
    ...fields,
  };
}

/** Newest first, as RecordLog.list returns them. */
export function makeSampleRecords(): StoredRecord[] {
  return [
    makeRecord(3, {
      client: 'cedar',
      from: 'maria@cedar-legal.example',
      subject: 'Contract draft v3',
      outcome: { type: 'replied', to: 'maria@cedar-legal.example' },
      jobId: 'reply-1',
    }),
    makeRecord(3.5, {
      client: 'cedar',
      from: 'maria@cedar-legal.example',
      subject: 'Contract draft v3',
      outcome: { type: 'held', until: '2026-11-26T08:45:00.000Z' },
    }),
    makeRecord(9, {
      client: 'cedar',
      from: 'eve@cedar-legal.example',
      subject: '<script>alert("pwned")</script> Quarterly figures',
      outcome: { type: 'held', until: '2026-11-26T08:45:00.000Z' },
    }),
    makeRecord(20, {
      client: 'cedar',
      from: 'news@mailer.cedar-legal.example',
      subject: 'Cedar Legal weekly digest',
      decision: 'hold',
      reasons: [
        'CLIENT_MATCHED_DOMAIN',
        'UNAVAILABLE_OUTSIDE_HOURS',
        'AUTO_LIST_HEADER',
        'AUTO_PRECEDENCE',
        'ACTION_HOLD',
      ],
      automated: true,
      outcome: { type: 'held', until: '2026-11-26T08:45:00.000Z' },
    }),
    makeRecord(45, {
      client: 'acme',
      from: 'ceo@acme.example',
      subject: 'URGENT: site down',
      decision: 'forward',
      reasons: ['CLIENT_MATCHED_ADDRESS', 'EMERGENCY_KEYWORD', 'ACTION_FORWARD'],
      emergency: true,
      outcome: { type: 'forwarded', to: 'sam@studio.example' },
      jobId: 'forward-1',
    }),
    makeRecord(46, {
      client: 'acme',
      from: 'ceo@acme.example',
      subject: 'URGENT: site down',
      decision: 'forward',
      reasons: ['CLIENT_MATCHED_ADDRESS', 'EMERGENCY_KEYWORD', 'ACTION_FORWARD'],
      emergency: true,
      outcome: { type: 'left' },
    }),
    makeRecord(80, {
      client: 'bloom',
      from: 'orders@bloom.example',
      subject: 'Re: Wedding flowers',
      outcome: { type: 'failed', job: 'reply', code: 'SMTP_PERMANENT' },
      jobId: 'reply-2',
    }),
    makeRecord(81, {
      client: 'bloom',
      from: 'orders@bloom.example',
      subject: 'Re: Wedding flowers',
      outcome: { type: 'held', until: '2026-11-26T19:45:00.000Z' },
    }),
    makeRecord(200, {
      client: 'acme',
      from: 'jane@acme.example',
      subject: 'One more thing',
      outcome: { type: 'reply-suppressed', reason: 'once-per-period' },
      jobId: 'reply-3',
    }),
    makeRecord(1500, {
      client: 'acme',
      subject: 'Invoice question',
      outcome: { type: 'released', found: true },
      jobId: 'release-1',
    }),
  ];
}

export function makeStatusSnapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    assistant: { name: 'Dana Reyes', timeZone: 'Europe/London' },
    clients: [
      {
        id: 'acme',
        name: acme.name,
        schedule: {
          ...acme.schedule,
          daysOff: [
            ...acme.schedule.daysOff,
            span('2026-11-30T13:00:00-05:00', '2026-11-30T15:00:00-05:00'),
          ],
        },
      },
      { id: 'bloom', name: bloom.name, schedule: bloom.schedule },
      { id: 'cedar', name: 'Cedar Legal', schedule: cedarSchedule },
    ],
    onCall: exampleOnCall,
    watcher: { state: 'watching', lastCheckAt: '2026-11-25T19:58:00.000Z', failure: null },
    watcherHolder: 'va-laptop:4242:1a2b3c4d',
    redis: 'ok',
    smtp: { lastSentAt: '2026-11-25T19:57:00.000Z', lastFailure: null },
    auth: [],
    held: [
      {
        messageKey: 'held-1',
        clientId: 'cedar',
        from: 'maria@cedar-legal.example',
        subject: 'Contract draft v3',
        heldAt: '2026-11-25T19:56:30.000Z',
        resumeAt: '2026-11-26T08:45:00.000Z',
      },
      {
        messageKey: 'held-2',
        clientId: 'cedar',
        from: 'eve@cedar-legal.example',
        subject: '<script>alert("pwned")</script> Quarterly figures',
        heldAt: '2026-11-25T19:51:00.000Z',
        resumeAt: '2026-11-26T08:45:00.000Z',
      },
      {
        messageKey: 'held-3',
        clientId: 'bloom',
        from: 'orders@bloom.example',
        subject: 'Re: Wedding flowers',
        heldAt: '2026-11-25T18:39:00.000Z',
        resumeAt: '2026-11-26T19:45:00.000Z',
      },
    ],
    records: makeSampleRecords(),
    configRejection: null,
    calendars: [],
    ...overrides,
  };
}
