import { describe, expect, it } from 'vitest';
import { jobCatalog } from '../../../src/queue/job-catalog.js';
import { jobIds } from '../../../src/queue/job-ids.js';
import { planActions, type MessagePlace } from '../../../src/queue/plan-actions.js';
import { planReplyDue } from '../../../src/queue/plan-reply-due.js';
import type { Decision } from '../../../src/triage/decide.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from '../triage/make-facts.js';

/*
 * Acme (make-config): New York, weekdays 09:00-12:30 and 13:30-17:00, Saturday 10:00-12:00,
 * Thanksgiving (Thursday 26 November 2026) and Friday 27 November off; replyWithin 2h here.
 */
const config = makeTriageConfig({ clients: [makeAcme({ replyWithinSeconds: 7200 })] });
const place: MessagePlace = {
  mailboxId: 'dana@imap.studio.example/INBOX',
  mailbox: 'INBOX',
  uidValidity: '1700000000',
  uid: 42,
  messageKey: 'k42',
};
const facts = makeFacts({ messageId: 'm42@acme.example', subject: 'Q3 budget review' });
const acme = { id: 'acme', name: 'Acme Corp' };
const matched = { client: acme, automated: false, emergency: false, emergencyKeyword: null };
const leave: Decision = { kind: 'leave', ...matched, reasons: [] };
const hold: Decision = {
  kind: 'hold',
  ...matched,
  resumeAt: '2026-11-28T15:00:00.000Z',
  reasons: [],
};

describe('planReplyDue', () => {
  it.each<[name: string, at: string, decision: Decision, dueAt: string]>([
    // Wednesday 25 November, 10:00 in New York: due at 12:00.
    ['in hours: two hours later', '2026-11-25T15:00:00Z', leave, '2026-11-25T17:00:00.000Z'],
    // 11:30: an hour before lunch, an hour after it: 14:30.
    ['lunch pauses the clock', '2026-11-25T16:30:00Z', leave, '2026-11-25T19:30:00.000Z'],
    // 16:00: one hour left at 17:00; Thursday and Friday are off, Saturday 10:00 + 1h.
    [
      'what is left at the end of the day carries over past the days off',
      '2026-11-25T21:00:00Z',
      leave,
      '2026-11-28T16:00:00.000Z',
    ],
    // 20:00, out of hours: the clock starts on Saturday at 10:00 and runs out at 12:00.
    [
      'out-of-hours mail starts its clock at the next working interval',
      '2026-11-26T01:00:00Z',
      hold,
      '2026-11-28T17:00:00.000Z',
    ],
  ])('%s', (_name, at, decision, dueAt) => {
    const job = planReplyDue(decision, facts, config, new Date(at), place);
    expect(job).toEqual({
      name: 'reply-due',
      jobId: jobIds.replyDue(place.mailboxId, place.messageKey),
      data: {
        mailboxId: place.mailboxId,
        messageKey: 'k42',
        clientId: 'acme',
        clientName: 'Acme Corp',
        messageId: 'm42@acme.example',
        from: 'olivia.park@acme.example',
        subject: 'Q3 budget review',
        mailbox: 'INBOX',
        receivedAt: new Date(at).toISOString(),
        withinSeconds: 7200,
        dueAt,
      },
      delayMs: Date.parse(dueAt) - Date.parse(at),
    });
    expect(jobCatalog['reply-due'].safeParse(job?.data).success).toBe(true);
  });

  it('the same message planned again gets the same job id (one check, restarts included)', () => {
    const first = planReplyDue(leave, facts, config, new Date('2026-11-25T15:00:00Z'), place);
    const again = planReplyDue(leave, facts, config, new Date('2026-11-25T15:00:07Z'), {
      ...place,
      uidValidity: '1800000000',
      uid: 7,
    });
    expect(again?.jobId).toBe(first?.jobId);
    expect(first?.jobId).not.toContain(':');
  });

  it('a robot starts no clock', () => {
    const robot: Decision = { ...leave, automated: true };
    expect(planReplyDue(robot, facts, config, new Date('2026-11-25T15:00:00Z'), place)).toBeNull();
  });

  it('a promise that never runs out within the horizon plans nothing', () => {
    const never = makeTriageConfig({
      clients: [
        makeAcme({
          replyWithinSeconds: 7200,
          schedule: { timeZone: 'America/New_York', hours: {}, checkIns: [], daysOff: [] },
        }),
      ],
    });
    expect(planReplyDue(leave, facts, never, new Date('2026-11-25T15:00:00Z'), place)).toBeNull();
  });
});

describe('planActions with a reply-time promise', () => {
  const at = new Date('2026-11-25T15:00:00Z');
  const replyDueId = jobIds.replyDue(place.mailboxId, place.messageKey);

  it('a message left in the inbox gets its check, and nothing else', () => {
    expect(planActions(leave, facts, config, at, place)).toEqual({
      jobs: [expect.objectContaining({ name: 'reply-due', jobId: replyDueId })],
      hold: null,
    });
  });

  it('held mail keeps its release and gets its check as well', () => {
    const plan = planActions(hold, facts, config, new Date('2026-11-26T01:00:00Z'), place);
    expect(plan.jobs.map((job) => job.name)).toEqual(['release', 'reply-due']);
    expect(plan.hold).not.toBeNull();
  });

  it('no promise: no check', () => {
    expect(planActions(leave, facts, makeTriageConfig(), at, place).jobs).toEqual([]);
  });
});
