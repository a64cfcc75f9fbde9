import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../src/records/activity-record.js';
import { composeDigest } from '../../../src/records/compose-digest.js';
import { escapeHtml } from '../../../src/records/escape-html.js';
import {
  sampleDigestContext,
  sampleDigestRecords,
} from '../../fixtures/digest/sample-digest-records.js';

const context = {
  since: new Date('2026-11-25T08:30:00Z'),
  until: new Date('2026-11-26T08:30:00Z'),
  timeZone: 'Europe/London',
  assistantName: 'Dana Reyes',
  clientOrder: ['acme', 'globex'],
  clientNames: { acme: 'Acme Corp', globex: 'Globex' },
  backupNames: { 'sam@studio.example': 'Sam Ortiz' },
};

function record(overrides: Partial<ActivityRecord>): ActivityRecord {
  return {
    at: '2026-11-25T21:59:52.000Z',
    client: 'acme',
    messageKey: 'k1',
    messageId: 'm1@acme.example',
    from: 'jane@acme.example',
    subject: 'Invoice question',
    decision: 'reply-and-hold',
    reasons: ['UNAVAILABLE_OUTSIDE_HOURS'],
    automated: false,
    emergency: false,
    outcome: { type: 'held', until: '2026-11-26T08:30:00.000Z' },
    jobId: null,
    ...overrides,
  };
}

const replied = (overrides: Partial<ActivityRecord> = {}) =>
  record({
    at: '2026-11-25T21:59:53.000Z',
    outcome: { type: 'replied', to: 'jane@acme.example' },
    jobId: 'reply-1',
    ...overrides,
  });
const robot = (key: string) =>
  record({ messageKey: key, from: 'news@acme.example', decision: 'hold', automated: true });
const emergencyLeft = record({
  messageKey: 'k9',
  from: 'ceo@acme.example',
  subject: 'URGENT: site down',
  decision: 'forward-and-reply',
  emergency: true,
  outcome: { type: 'left' },
});
const emergencyStep = (at: string, outcome: ActivityRecord['outcome']) =>
  record({ ...emergencyLeft, at, outcome, jobId: `job-${at}` });

interface Case {
  readonly name: string;
  readonly records: ActivityRecord[];
  readonly context?: Partial<typeof context>;
  readonly subject: string | null;
  readonly text?: readonly string[];
  readonly notInText?: readonly string[];
}

const cases: Case[] = [
  { name: 'no records: no digest', records: [], subject: null },
  {
    name: 'only mail left in the inbox (in hours, unknown senders): no digest',
    records: [
      record({ decision: 'leave', outcome: { type: 'left' } }),
      record({ client: null, messageKey: 'k2', decision: 'ignore', outcome: { type: 'left' } }),
    ],
    subject: null,
  },
  {
    name: 'a reply and its held message',
    records: [record({}), replied()],
    subject: 'Hand-back: 1 reply, 1 held since Wed 25 Nov 08:30',
    text: [
      'From Wed 25 Nov 08:30 to Thu 26 Nov 08:30 (Europe/London)',
      '1 reply sent, 1 message held',
      '== Acme Corp ==',
      'Replies sent (1)\n  - Wed 25 Nov 21:59  to jane@acme.example  "Invoice question"\n    out-of-hours reply',
      'Held (1)\n  - Wed 25 Nov 21:59  jane@acme.example  "Invoice question"\n    comes back Thu 26 Nov 08:30',
    ],
    notInText: ['Globex', 'Emergencies'],
  },
  {
    name: 'held and released within the period',
    records: [
      record({}),
      record({ at: '2026-11-25T22:00:00.200Z', outcome: { type: 'released', found: true } }),
    ],
    subject: 'Hand-back: 1 held since Wed 25 Nov 08:30',
    text: ['back in the inbox since Wed 25 Nov 22:00'],
  },
  {
    name: 'robots are counted, not listed',
    records: [robot('r1'), robot('r2'), robot('r3')],
    subject: 'Hand-back: 3 robots since Wed 25 Nov 08:30',
    text: ['Robots not answered: 3'],
    notInText: ['news@acme.example', 'Held ('],
  },
  {
    name: 'an emergency forwarded and acknowledged, with the backup’s name',
    records: [
      emergencyLeft,
      emergencyStep('2026-11-25T22:00:01.000Z', { type: 'forwarded', to: 'sam@studio.example' }),
      emergencyStep('2026-11-25T22:20:00.000Z', { type: 'acknowledged', by: 'sam@studio.example' }),
    ],
    subject: 'Hand-back: 1 emergency since Wed 25 Nov 08:30',
    text: [
      'Emergencies forwarded (1)\n  - Wed 25 Nov 21:59  ceo@acme.example  "URGENT: site down"\n    passed to Sam Ortiz <sam@studio.example>; acknowledged by Sam Ortiz <sam@studio.example> at Wed 25 Nov 22:20',
    ],
  },
  {
    name: 'an emergency escalated, nobody acknowledged',
    records: [
      emergencyLeft,
      emergencyStep('2026-11-25T22:00:01.000Z', { type: 'forwarded', to: 'kim@studio.example' }),
      emergencyStep('2026-11-25T22:30:01.000Z', {
        type: 'escalated',
        to: 'sam@studio.example',
        step: 1,
      }),
    ],
    subject: 'Hand-back: 1 emergency since Wed 25 Nov 08:30',
    text: [
      'passed to kim@studio.example, then Sam Ortiz <sam@studio.example>; no acknowledgement on record',
    ],
  },
  {
    name: 'an emergency acknowledged in this period, forwarded in the last one',
    records: [emergencyStep('2026-11-25T09:00:00.000Z', { type: 'acknowledged' })],
    subject: 'Hand-back: 1 emergency since Wed 25 Nov 08:30',
    text: ['not passed to anyone yet; acknowledged at Wed 25 Nov 09:00'],
  },
  {
    name: 'a failure is marked and explained',
    records: [
      record({}),
      record({
        at: '2026-11-25T22:10:00.000Z',
        outcome: { type: 'failed', job: 'reply', code: 'SMTP_PERMANENT' },
        jobId: 'reply-1',
      }),
    ],
    subject: 'Hand-back: 1 failed, 1 held since Wed 25 Nov 08:30',
    text: [
      'Failed (1)\n  ! Wed 25 Nov 22:10  jane@acme.example  "Invoice question"\n    reply failed: SMTP_PERMANENT (The SMTP server answered 5xx; not retried.)',
    ],
  },
  {
    name: 'a failed release of no client, an unknown code',
    records: [
      record({
        client: null,
        messageKey: 'job-release-1',
        from: null,
        subject: undefined,
        decision: 'unknown',
        outcome: { type: 'failed', job: 'release', code: 'SOMETHING_NEW' },
        jobId: 'release-1',
      }),
    ],
    subject: 'Hand-back: 1 failed since Wed 25 Nov 08:30',
    text: [
      '== Mail of no client ==',
      '  ! Wed 25 Nov 21:59  unknown sender\n    release failed: SOMETHING_NEW\n',
    ],
  },
  {
    name: 'clients in config order, then others by id; names from the config',
    records: [
      record({ client: 'zeta', messageKey: 'z1' }),
      record({ client: 'globex', messageKey: 'g1' }),
      record({ client: 'acme', messageKey: 'a1' }),
      record({ client: 'beta', messageKey: 'b1' }),
    ],
    subject: 'Hand-back: 4 held since Wed 25 Nov 08:30',
    text: ['== Acme Corp ==', '== Globex ==', '== beta ==', '== zeta =='],
  },
  {
    name: 'suppressed replies are noted beside the held message',
    records: [
      record({}),
      record({
        at: '2026-11-25T22:00:00.000Z',
        outcome: { type: 'reply-suppressed', reason: 'once-per-period' },
        jobId: 'reply-1',
      }),
    ],
    subject: 'Hand-back: 1 held since Wed 25 Nov 08:30',
    text: ['Replies not sent again (the sender had one recently): 1'],
  },
  {
    name: 'days-off announcements are counted',
    records: [
      record({
        messageKey: 'announce-acme-1',
        from: null,
        subject: undefined,
        decision: 'unknown',
        outcome: { type: 'announced', to: 'a@acme.example', absenceStart: '2026-12-01T09:00:00Z' },
        jobId: 'announce-1',
      }),
      record({
        messageKey: 'announce-acme-1',
        from: null,
        subject: undefined,
        decision: 'unknown',
        outcome: { type: 'announced', to: 'b@acme.example', absenceStart: '2026-12-01T09:00:00Z' },
        jobId: 'announce-2',
      }),
    ],
    subject: 'Hand-back: 2 announcements since Wed 25 Nov 08:30',
    text: ['== Acme Corp ==', 'Days-off announcements sent: 2'],
  },
  {
    name: 'subjects not kept: none shown',
    records: [record({ subject: undefined })],
    subject: 'Hand-back: 1 held since Wed 25 Nov 08:30',
    text: ['  - Wed 25 Nov 21:59  jane@acme.example\n    comes back'],
  },
  {
    name: 'DST: 01:30 twice on 25 October in London, before and after the change',
    records: [
      record({ messageKey: 'd1', at: '2026-10-25T00:30:00.000Z', subject: 'before' }),
      record({ messageKey: 'd2', at: '2026-10-25T01:30:00.000Z', subject: 'after' }),
      record({
        messageKey: 'd3',
        at: '2026-10-25T23:30:00.000Z',
        subject: 'evening',
        outcome: { type: 'held', until: '2026-10-26T09:00:00.000Z' },
      }),
    ],
    context: {
      since: new Date('2026-10-24T07:30:00Z'),
      until: new Date('2026-10-26T08:30:00Z'),
    },
    subject: 'Hand-back: 3 held since Sat 24 Oct 08:30',
    text: [
      'From Sat 24 Oct 08:30 to Mon 26 Oct 08:30 (Europe/London)',
      'Sun 25 Oct 01:30  jane@acme.example  "before"',
      'Sun 25 Oct 01:30  jane@acme.example  "after"',
      'Sun 25 Oct 23:30  jane@acme.example  "evening"\n    comes back Mon 26 Oct 09:00',
    ],
  },
  {
    name: 'DST: the same records read in New York',
    records: [record({ messageKey: 'd1', at: '2026-11-01T05:30:00.000Z', subject: 'fall back' })],
    context: {
      timeZone: 'America/New_York',
      since: new Date('2026-10-31T12:00:00Z'),
      until: new Date('2026-11-02T14:00:00Z'),
    },
    subject: 'Hand-back: 1 held since Sat 31 Oct 08:00',
    text: ['From Sat 31 Oct 08:00 to Mon 2 Nov 09:00 (America/New_York)', 'Sun 1 Nov 01:30'],
  },
];

describe('composeDigest', () => {
  it.each(cases)('$name', (entry) => {
    const digest = composeDigest(entry.records, { ...context, ...entry.context });
    if (entry.subject === null) {
      expect(digest).toBeNull();
      return;
    }
    expect(digest?.subject).toBe(entry.subject);
    for (const piece of entry.text ?? []) expect(digest?.text).toContain(piece);
    for (const piece of entry.notInText ?? []) expect(digest?.text).not.toContain(piece);
  });

  it('escapes message text in the HTML part and keeps it in the text part', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const digest = composeDigest(
      [record({ subject: hostile, from: 'a"b<c>@acme.example' })],
      context,
    );
    expect(digest?.html).not.toContain('<script>');
    expect(digest?.html).not.toContain('<img');
    expect(digest?.html).toContain(escapeHtml(hostile));
    expect(digest?.html).toContain('a&quot;b&lt;c&gt;@acme.example');
    expect(digest?.text).toContain(`"${hostile}"`);
  });

  it('puts a subject with line breaks on one line in both parts and in the mail subject', () => {
    const digest = composeDigest([record({ subject: 'one\r\nBcc: evil@example.com' })], context);
    expect(digest?.text).toContain('"one Bcc: evil@example.com"');
    expect(digest?.subject).not.toMatch(/[\r\n]/);
  });

  it('counts what it reports', () => {
    expect(composeDigest(sampleDigestRecords, sampleDigestContext)?.counts).toEqual({
      emergencies: 2,
      failures: 1,
      replies: 3,
      held: 4,
      robots: 2,
      announced: 0,
    });
  });
});

describe('the sample digest in docs/', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const digest = composeDigest(sampleDigestRecords, sampleDigestContext);

  it('is what the composer makes of the fixture (npm run docs:sample-digest)', async () => {
    expect(await readFile(join(root, 'docs', 'sample-digest.txt'), 'utf8')).toBe(
      `Subject: ${digest?.subject}\n\n${digest?.text}`,
    );
    expect(await readFile(join(root, 'docs', 'sample-digest.html'), 'utf8')).toBe(digest?.html);
  });

  it('is shown in README.md', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`\nSubject: ${digest?.subject}\n\n${digest?.text}\`\`\`\n`);
  });
});
