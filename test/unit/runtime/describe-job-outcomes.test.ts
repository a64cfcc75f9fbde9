import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { OffhoursError } from '../../../src/errors/offhours-error.js';
import {
  describeJobOutcomes,
  type FinishedJobEvent,
} from '../../../src/runtime/describe-job-outcomes.js';

const at = new Date('2026-11-25T22:00:05Z');
const mailboxId = 'dana@imap.example/INBOX';
const reply = {
  mailboxId,
  messageKey: 'k1',
  clientId: 'acme',
  kind: 'out-of-hours',
  to: 'jane@acme.example',
  subject: 'Auto: Hi',
  body: 'Back soon',
  inReplyTo: 'm1@acme.example',
  references: [],
  oncePerSeconds: 86_400,
};
const forward = {
  mailboxId,
  messageKey: 'k2',
  clientId: 'acme',
  clientName: 'Acme Corp',
  mailbox: 'INBOX',
  uidValidity: '17',
  uid: 4,
  messageId: 'm2@acme.example',
  from: 'ceo@acme.example',
  subject: 'URGENT',
  backup: { name: 'Sam Ortiz', address: 'sam@studio.example' },
};
const escalate = {
  ...Object.fromEntries(Object.entries(forward).filter(([key]) => key !== 'backup')),
  token: '0123456789',
  step: 1,
};
const release = { mailboxId, clientId: 'acme', dueAt: '2026-11-25T22:00:00.000Z' };
const replyDue = {
  mailboxId,
  messageKey: 'k3',
  clientId: 'acme',
  clientName: 'Acme Corp',
  messageId: 'm3@acme.example',
  from: 'jane@acme.example',
  subject: 'Invoice',
  mailbox: 'INBOX',
  receivedAt: '2026-11-25T14:00:00.000Z',
  withinSeconds: 7200,
  dueAt: '2026-11-25T16:00:00.000Z',
};
const announce = {
  mailboxId,
  clientId: 'acme',
  absenceStart: '2026-11-27T00:00:00.000Z',
  absenceEnd: '2026-11-28T00:00:00.000Z',
  to: 'jane@acme.example',
  subject: "I'm away on Friday 27 November",
  body: 'Back on Monday.',
};

function event(
  name: FinishedJobEvent['name'],
  data: unknown,
  result: { returnvalue?: unknown; error?: unknown; attemptsMade?: number } = {},
): FinishedJobEvent {
  return {
    name,
    outcome: result.error === undefined ? 'completed' : 'failed',
    job: {
      id: `${name}-job`,
      data,
      returnvalue: result.returnvalue,
      attemptsMade: result.attemptsMade ?? 1,
      opts: { attempts: 8 },
    },
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

const permanent = (code: 'SMTP_PERMANENT' | 'MESSAGE_GONE') =>
  Object.assign(new UnrecoverableError('refused'), { cause: new OffhoursError(code, 'refused') });

const cases: { name: string; event: FinishedJobEvent; expected: object[] }[] = [
  {
    name: 'a reply sent',
    event: event('reply', reply, {
      returnvalue: { sent: true, messageId: 'out1@studio.example', earlier: false },
    }),
    expected: [
      {
        messageKey: 'k1',
        client: 'acme',
        jobId: 'reply-job',
        outcome: { type: 'replied', to: 'jane@acme.example', sentMessageId: 'out1@studio.example' },
      },
    ],
  },
  {
    name: 'a reply an earlier attempt had sent',
    event: event('reply', reply, {
      returnvalue: { sent: true, messageId: 'out1@studio.example', earlier: true },
    }),
    expected: [{ outcome: expect.objectContaining({ type: 'replied' }) as unknown }],
  },
  {
    name: 'a reply suppressed once per period',
    event: event('reply', reply, { returnvalue: { sent: false, suppressed: 'once-per-period' } }),
    expected: [
      {
        messageKey: 'k1',
        outcome: { type: 'reply-suppressed', reason: 'once-per-period' },
      },
    ],
  },
  {
    name: 'a forward',
    event: event('forward', forward, {
      returnvalue: { messageId: 'fw@studio.example', earlier: false },
    }),
    expected: [
      {
        messageKey: 'k2',
        client: 'acme',
        jobId: 'forward-job',
        outcome: { type: 'forwarded', to: 'sam@studio.example' },
      },
    ],
  },
  {
    name: 'an escalation step that went out: escalated, with its step, by mail',
    event: event('escalate', escalate, {
      returnvalue: {
        escalated: true,
        step: 1,
        to: 'priya@studio.example',
        kind: 'backup',
        messageId: 'esc@studio.example',
        earlier: false,
      },
    }),
    expected: [
      {
        messageKey: 'k2',
        client: 'acme',
        jobId: 'escalate-job',
        outcome: { type: 'escalated', to: 'priya@studio.example', step: 1, via: 'mail' },
      },
    ],
  },
  {
    name: 'a step stopped by the acknowledgement records nothing (the acknowledgement is on record)',
    event: event('escalate', escalate, {
      returnvalue: { escalated: false, step: 1, stopped: 'acknowledged', by: 'sam@studio.example' },
    }),
    expected: [],
  },
  {
    name: 'a failed escalation step is recorded under its emergency',
    event: event('escalate', escalate, { error: permanent('SMTP_PERMANENT') }),
    expected: [
      {
        messageKey: 'k2',
        outcome: { type: 'failed', job: 'escalate', code: 'SMTP_PERMANENT' },
      },
    ],
  },
  {
    name: 'a release: one record per message, gone ones with found false',
    event: event('release', release, {
      returnvalue: { released: 2, gone: 1, releasedKeys: ['a', 'b'], goneKeys: ['c'] },
    }),
    expected: [
      { messageKey: 'a', outcome: { type: 'released', found: true } },
      { messageKey: 'b', outcome: { type: 'released', found: true } },
      { messageKey: 'c', outcome: { type: 'released', found: false } },
    ],
  },
  {
    name: 'an empty release records nothing',
    event: event('release', release, {
      returnvalue: { released: 0, gone: 0, releasedKeys: [], goneKeys: [] },
    }),
    expected: [],
  },
  {
    name: 'an announcement sent: recorded under its absence',
    event: event('announce', announce, {
      returnvalue: { sent: true, messageId: 'an@studio.example', earlier: false },
    }),
    expected: [
      {
        messageKey: 'announce-acme-1795737600000',
        client: 'acme',
        jobId: 'announce-job',
        outcome: {
          type: 'announced',
          to: 'jane@acme.example',
          absenceStart: '2026-11-27T00:00:00.000Z',
        },
      },
    ],
  },
  {
    name: 'an announcement skipped (sent already, or too late) records nothing',
    event: event('announce', announce, {
      returnvalue: { sent: false, skipped: 'already-announced' },
    }),
    expected: [],
  },
  {
    name: 'an announcement that failed for good is recorded under its absence',
    event: event('announce', announce, { error: permanent('SMTP_PERMANENT') }),
    expected: [
      {
        messageKey: 'announce-acme-1795737600000',
        client: 'acme',
        outcome: { type: 'failed', job: 'announce', code: 'SMTP_PERMANENT' },
      },
    ],
  },
  {
    name: 'a reply-time check that found the VA had replied',
    event: event('reply-due', replyDue, { returnvalue: { answered: true, via: 'sent-folder' } }),
    expected: [
      {
        messageKey: 'k3',
        client: 'acme',
        jobId: 'reply-due-job',
        outcome: { type: 'answered', via: 'sent-folder' },
      },
    ],
  },
  {
    name: 'a reply-time check that flagged the message and reminded the VA',
    event: event('reply-due', replyDue, {
      returnvalue: {
        answered: false,
        reminded: true,
        to: 'dana@studio.example',
        messageId: 'offhours.1@studio.example',
        flaggedIn: 'INBOX',
        earlier: false,
      },
    }),
    expected: [
      {
        messageKey: 'k3',
        outcome: {
          type: 'reminded',
          to: 'dana@studio.example',
          flagged: true,
          sentMessageId: 'offhours.1@studio.example',
        },
      },
    ],
  },
  {
    name: 'a reminder for a message found nowhere is recorded unflagged',
    event: event('reply-due', replyDue, {
      returnvalue: {
        answered: false,
        reminded: true,
        to: 'dana@studio.example',
        messageId: 'offhours.1@studio.example',
        flaggedIn: null,
        earlier: true,
      },
    }),
    expected: [
      { outcome: expect.objectContaining({ type: 'reminded', flagged: false }) as unknown },
    ],
  },
  {
    name: 'a reply-time check whose promise was dropped records nothing',
    event: event('reply-due', replyDue, {
      returnvalue: { answered: false, reminded: false, dropped: 'promise-off' },
    }),
    expected: [],
  },
  {
    name: 'a failed attempt that will be retried records nothing',
    event: event('reply', reply, {
      error: new OffhoursError('SMTP_TRANSIENT', '451'),
      attemptsMade: 3,
    }),
    expected: [],
  },
  {
    name: 'the last attempt failing records the failure with its code',
    event: event('reply', reply, {
      error: new OffhoursError('SMTP_TRANSIENT', '451'),
      attemptsMade: 8,
    }),
    expected: [
      {
        messageKey: 'k1',
        client: 'acme',
        jobId: 'reply-job',
        outcome: { type: 'failed', job: 'reply', code: 'SMTP_TRANSIENT' },
      },
    ],
  },
  {
    name: 'a permanent failure records at once, with the code of its cause',
    event: event('forward', forward, { error: permanent('MESSAGE_GONE') }),
    expected: [
      {
        messageKey: 'k2',
        outcome: { type: 'failed', job: 'forward', code: 'MESSAGE_GONE' },
      },
    ],
  },
  {
    name: 'a permanent OffhoursError without a wrapper',
    event: event('reply', reply, { error: new OffhoursError('MAILBOX_UNKNOWN', 'gone') }),
    expected: [
      {
        outcome: { type: 'failed', job: 'reply', code: 'MAILBOX_UNKNOWN' },
      },
    ],
  },
  {
    name: 'a failed release is recorded under its job, for its client',
    event: event('release', release, { error: permanent('SMTP_PERMANENT') }),
    expected: [
      {
        messageKey: 'job-release-job',
        client: 'acme',
        jobId: 'release-job',
        outcome: { type: 'failed', job: 'release', code: 'SMTP_PERMANENT' },
      },
    ],
  },
  {
    name: 'an unknown error on the last attempt is INTERNAL',
    event: event('reply', reply, { error: new Error('boom'), attemptsMade: 8 }),
    expected: [{ outcome: { type: 'failed', job: 'reply', code: 'INTERNAL' } }],
  },
  {
    name: 'a completed job whose result cannot be read records nothing',
    event: event('reply', reply, { returnvalue: { unexpected: true } }),
    expected: [],
  },
];

describe('describeJobOutcomes', () => {
  it.each(cases)('$name', ({ event: finished, expected }) => {
    const outcomes = describeJobOutcomes(finished, at);
    expect(outcomes).toEqual(expected.map((item): unknown => expect.objectContaining(item)));
    for (const outcome of outcomes) expect(outcome.at).toEqual(at);
  });
});
