import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../src/records/activity-record.js';
import { describeReasonsBriefly } from '../../../src/records/describe-reasons-briefly.js';
import { formatLogJson } from '../../../src/records/format-log-json.js';
import { formatLogLines } from '../../../src/records/format-log-lines.js';
import { formatLocalStamp } from '../../../src/schedule/format-local-stamp.js';

function record(overrides: Partial<ActivityRecord>): ActivityRecord {
  return {
    at: '2026-11-25T21:59:52.000Z',
    client: 'acme',
    messageKey: 'k1',
    messageId: 'm1@acme.example',
    from: 'jane@acme.example',
    subject: 'Invoice question',
    decision: 'reply-and-hold',
    reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_OUTSIDE_HOURS', 'ACTION_REPLY_AND_HOLD'],
    automated: false,
    emergency: false,
    outcome: { type: 'held', until: '2026-11-25T22:00:00.000Z' },
    jobId: null,
    ...overrides,
  };
}

describe('formatLocalStamp', () => {
  it.each([
    ['UTC', '2026-11-25T21:59:52Z', false, '2026-11-25 21:59'],
    ['Europe/London', '2026-07-01T23:30:00Z', false, '2026-07-02 00:30'],
    ['America/New_York', '2026-03-08T06:59:00Z', false, '2026-03-08 01:59'],
    ['America/New_York', '2026-03-08T07:00:00Z', false, '2026-03-08 03:00'],
    ['Pacific/Auckland', '2026-11-25T21:59:52Z', true, '10:59'],
  ])('%s %s (time only: %s) is %s', (timeZone, instant, timeOnly, expected) => {
    expect(formatLocalStamp(new Date(instant), timeZone, { timeOnly })).toBe(expected);
  });
});

describe('describeReasonsBriefly', () => {
  it.each([
    [
      ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_OUTSIDE_HOURS', 'ACTION_REPLY_AND_HOLD'],
      ['out of hours'],
    ],
    [
      ['CLIENT_MATCHED_ADDRESS', 'UNAVAILABLE_DAY_OFF', 'AUTO_LIST_HEADER', 'AUTO_PRECEDENCE'],
      ['day off', 'mailing list', 'bulk'],
    ],
    [
      ['AUTO_HELPDESK', 'SPAM_FORGED_MAILER', 'BULK_UNSUBSCRIBE'],
      ['helpdesk', 'forged mailer', 'unsubscribe'],
    ],
    [['CLIENT_UNKNOWN_IGNORED', 'CLIENT_UNKNOWN_DEFAULTED'], ['unknown sender']],
    [['A_CODE_FROM_A_NEWER_VERSION'], ['a code from a newer version']],
    [[], []],
  ])('%j reads %j', (codes, words) => {
    expect(describeReasonsBriefly(codes)).toEqual(words);
  });
});

describe('formatLogLines', () => {
  const jane = [
    record({}),
    record({
      at: '2026-11-25T21:59:53.100Z',
      outcome: { type: 'replied', to: 'jane@acme.example', sentMessageId: 'x@studio.example' },
      jobId: 'reply-1',
    }),
    record({
      at: '2026-11-25T22:00:00.300Z',
      outcome: { type: 'released', found: true },
      jobId: 'release-1',
    }),
  ];
  const emergency = [
    record({
      messageKey: 'k2',
      at: '2026-11-25T22:10:00.000Z',
      from: 'ceo@acme.example',
      subject: 'URGENT: site down',
      decision: 'forward-and-reply',
      emergency: true,
      reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_OUTSIDE_HOURS', 'EMERGENCY_KEYWORD'],
      outcome: { type: 'left' },
    }),
    record({
      messageKey: 'k2',
      at: '2026-11-25T22:10:01.000Z',
      outcome: { type: 'forwarded', to: 'sam@studio.example' },
      jobId: 'forward-2',
    }),
    record({
      messageKey: 'k2',
      at: '2026-11-25T22:10:02.000Z',
      outcome: { type: 'replied', to: 'ops@acme.example' },
      from: 'ceo@acme.example',
      jobId: 'reply-2',
    }),
    record({
      messageKey: 'k2',
      at: '2026-11-25T22:20:00.000Z',
      outcome: { type: 'acknowledged', by: 'sam@studio.example' },
      jobId: 'ack-2',
    }),
  ];

  it.each<[string, ActivityRecord[], string, string]>([
    [
      'a reply held and released, in the VA’s zone',
      jane,
      'UTC',
      '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → held until 22:00, replied, back in the inbox  (out of hours)\n',
    ],
    [
      'the same in Auckland: the next local day, the return on the same day',
      jane,
      'Pacific/Auckland',
      '2026-11-26 10:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → held until 11:00, replied, back in the inbox  (out of hours)\n',
    ],
    [
      'held until another day shows the date',
      [record({ outcome: { type: 'held', until: '2026-11-26T09:00:00.000Z' } })],
      'UTC',
      '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → held until 2026-11-26 09:00  (out of hours)\n',
    ],
    [
      'an emergency: forwarded, acknowledged, the reply to another address',
      emergency,
      'UTC',
      '2026-11-25 22:10  acme  ceo@acme.example  "URGENT: site down"  forward-and-reply → left in the inbox, forwarded to sam@studio.example, replied to ops@acme.example, acknowledged by sam@studio.example  (out of hours, emergency)\n',
    ],
    [
      'the announcements of one absence: one line, each recipient told',
      ['jo', 'maya'].map((name) =>
        record({
          messageKey: 'announce-northwind-1795737600000',
          client: 'northwind',
          messageId: null,
          from: null,
          subject: undefined,
          decision: 'unknown',
          reasons: [],
          outcome: {
            type: 'announced',
            to: `${name}@northwind.example`,
            absenceStart: '2026-11-27T00:00:00.000Z',
          },
          jobId: `announce-${name}`,
        }),
      ),
      'UTC',
      '2026-11-25 21:59  northwind  -  told jo@northwind.example of the absence from 2026-11-27 00:00, told maya@northwind.example of the absence from 2026-11-27 00:00\n',
    ],
    [
      'two messages interleaved: one line each, in the order they first appear',
      [jane[0]!, emergency[0]!, jane[1]!, emergency[1]!],
      'UTC',
      '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → held until 22:00, replied  (out of hours)\n' +
        '2026-11-25 22:10  acme  ceo@acme.example  "URGENT: site down"  forward-and-reply → left in the inbox, forwarded to sam@studio.example  (out of hours, emergency)\n',
    ],
    [
      'a suppressed reply, no subject kept',
      [
        record({
          subject: undefined,
          outcome: { type: 'reply-suppressed', reason: 'once-per-period' },
          jobId: 'reply-3',
        }),
      ],
      'UTC',
      '2026-11-25 21:59  acme  jane@acme.example  reply-and-hold → not replied (once per period)  (out of hours)\n',
    ],
    [
      'a failed release that names no message, no client',
      [
        record({
          messageKey: 'job-release-9',
          client: null,
          messageId: null,
          from: null,
          subject: undefined,
          decision: 'unknown',
          reasons: [],
          outcome: { type: 'failed', job: 'release', code: 'MAILBOX_UNKNOWN' },
          jobId: 'release-9',
        }),
      ],
      'UTC',
      '2026-11-25 21:59  -  -  release failed (MAILBOX_UNKNOWN)\n',
    ],
    [
      'a robot held, a hostile subject on one line without escapes',
      [
        record({
          from: 'news@acme.example',
          subject: 'Weekly\r\n\u001b[31mred\u001b[0m\tnews',
          decision: 'hold',
          automated: true,
          reasons: [
            'CLIENT_MATCHED_DOMAIN',
            'UNAVAILABLE_OUTSIDE_HOURS',
            'AUTO_LIST_HEADER',
            'ACTION_HOLD',
          ],
        }),
      ],
      'UTC',
      '2026-11-25 21:59  acme  news@acme.example  "Weekly [31mred [0m news"  hold → held until 22:00  (out of hours, mailing list)\n',
    ],
    [
      'reply-time promises: one answered, one overdue and flagged, one overdue found nowhere',
      [
        record({ decision: 'leave', reasons: ['AVAILABLE_IN_HOURS'], outcome: { type: 'left' } }),
        record({ outcome: { type: 'answered', via: 'sent-folder' }, jobId: 'reply-due-1' }),
        record({
          messageKey: 'k2',
          decision: 'leave',
          reasons: ['AVAILABLE_IN_HOURS'],
          outcome: { type: 'left' },
        }),
        record({
          messageKey: 'k2',
          outcome: { type: 'reminded', to: 'dana@studio.example', flagged: true },
          jobId: 'reply-due-2',
        }),
        record({
          messageKey: 'k3',
          outcome: { type: 'reminded', to: 'dana@studio.example', flagged: false },
          jobId: 'reply-due-3',
        }),
      ],
      'UTC',
      '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  leave → left in the inbox, answered in time  (in hours)\n' +
        '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  leave → left in the inbox, reply overdue: flagged, dana@studio.example reminded  (in hours)\n' +
        '2026-11-25 21:59  acme  jane@acme.example  "Invoice question"  reply-and-hold → reply overdue: dana@studio.example reminded (message not found to flag)  (out of hours)\n',
    ],
    ['nothing on record: nothing printed', [], 'UTC', ''],
  ])('%s', (_name, records, timeZone, expected) => {
    expect(formatLogLines(records, timeZone)).toBe(expected);
  });

  it('shortens a long subject', () => {
    const line = formatLogLines([record({ subject: 'x'.repeat(200) })], 'UTC');
    expect(line).toContain(`"${'x'.repeat(79)}…"`);
    expect(line).not.toContain('x'.repeat(80));
  });
});

describe('formatLogJson', () => {
  it('writes one object per record with the documented keys, subject null when not kept', () => {
    const lines = formatLogJson([
      record({}),
      record({ subject: undefined, outcome: { type: 'left' }, jobId: 'reply-1' }),
    ])
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!)).toEqual([
      'at',
      'client',
      'messageId',
      'from',
      'subject',
      'decision',
      'reasons',
      'outcome',
      'automated',
      'emergency',
      'messageKey',
      'jobId',
    ]);
    expect(lines[0]).toMatchObject({
      at: '2026-11-25T21:59:52.000Z',
      client: 'acme',
      messageId: 'm1@acme.example',
      subject: 'Invoice question',
      outcome: { type: 'held', until: '2026-11-25T22:00:00.000Z' },
      jobId: null,
    });
    expect(lines[1]).toMatchObject({ subject: null, outcome: { type: 'left' }, jobId: 'reply-1' });
  });

  it('writes nothing for no records', () => {
    expect(formatLogJson([])).toBe('');
  });
});
