import { describe, expect, it } from 'vitest';
import { deriveMessageKeyOfId } from '../../../src/mail/derive-message-key.js';
import { jobIds } from '../../../src/queue/job-ids.js';
import { jobCatalog } from '../../../src/queue/job-catalog.js';
import { planActions, type MessagePlace } from '../../../src/queue/plan-actions.js';
import type { Decision, PlannedReply } from '../../../src/triage/decide.js';
import { makeTriageConfig, sam } from '../../support/make-config.js';
import { makeFacts } from '../triage/make-facts.js';

const at = new Date('2026-11-26T00:00:00Z');
const resumeAt = '2026-11-27T16:00:00.000Z';
const config = makeTriageConfig();
const place: MessagePlace = {
  mailboxId: 'dana@imap.studio.example/INBOX',
  mailbox: 'INBOX',
  uidValidity: '1700000000',
  uid: 42,
  messageKey: 'k42',
};
const facts = makeFacts({
  messageId: 'm42@acme.example',
  references: ['root@acme.example'],
  headers: { 'in-reply-to': ['<parent@acme.example>'] },
});

const acme = { id: 'acme', name: 'Acme Corp' };
const matched = { client: acme, automated: false, emergency: false, emergencyKeyword: null };
const outOfHours: PlannedReply = {
  kind: 'out-of-hours',
  to: 'olivia.park@acme.example',
  subject: 'Auto: Q3 budget review',
  body: 'Back on Friday',
};
const acknowledgement: PlannedReply = { ...outOfHours, kind: 'emergency', body: 'Sam has it' };

const decisions = {
  ignore: { kind: 'ignore', client: null, automated: false, reasons: [] },
  leave: { kind: 'leave', ...matched, reasons: [] },
  hold: { kind: 'hold', ...matched, resumeAt, reasons: [] },
  holdForever: { kind: 'hold', ...matched, resumeAt: null, reasons: [] },
  replyAndHold: { kind: 'reply-and-hold', ...matched, resumeAt, reply: outOfHours, reasons: [] },
  replyNeverBack: {
    kind: 'reply-and-hold',
    ...matched,
    resumeAt: null,
    reply: outOfHours,
    reasons: [],
  },
  forward: { kind: 'forward', ...matched, emergency: true, resumeAt, backup: sam, reasons: [] },
  forwardAndReply: {
    kind: 'forward-and-reply',
    ...matched,
    emergency: true,
    resumeAt,
    backup: sam,
    reply: acknowledgement,
    reasons: [],
  },
  unknownClient: {
    kind: 'hold',
    ...matched,
    client: { id: 'gone', name: 'Gone' },
    resumeAt,
    reasons: [],
  },
} satisfies Record<string, Decision>;

const id = {
  reply: jobIds.reply(place.mailboxId, place.messageKey),
  forward: jobIds.forward(place.mailboxId, place.messageKey),
  emergency: jobIds.releaseForEmergency(place.mailboxId, place.messageKey),
  due: jobIds.releaseDue(place.mailboxId, 'acme', new Date(resumeAt)),
};
const heldEntry = {
  clientId: 'acme',
  resumeAt,
  from: 'olivia.park@acme.example',
  subject: 'Q3 budget review',
  heldAt: at.toISOString(),
  uid: 42,
};

describe('planActions', () => {
  it.each<[name: string, decision: Decision, jobIds: string[], held: boolean]>([
    ['no client: nothing', decisions.ignore, [], false],
    ['available: nothing', decisions.leave, [], false],
    ['hold: a release at the check-in and a hold entry', decisions.hold, [id.due], true],
    ['hold with no check-in ever: stays in the inbox', decisions.holdForever, [], false],
    ['reply and hold', decisions.replyAndHold, [id.reply, id.due], true],
    ['reply, never back: reply only', decisions.replyNeverBack, [id.reply], false],
    [
      'forward: the forward and the emergency release',
      decisions.forward,
      [id.forward, id.emergency],
      false,
    ],
    ['forward and reply', decisions.forwardAndReply, [id.forward, id.emergency, id.reply], false],
    ['a client no longer configured: nothing', decisions.unknownClient, [], false],
  ])('%s', (_name, decision, expectedIds, held) => {
    const plan = planActions(decision, facts, config, at, place);
    expect(plan.jobs.map((job) => job.jobId)).toEqual(expectedIds);
    expect(plan.hold).toEqual(held ? heldEntry : null);
  });

  it('every planned payload matches the job catalog and names its mailbox', () => {
    for (const decision of Object.values(decisions)) {
      for (const job of planActions(decision, facts, config, at, place).jobs) {
        expect(jobCatalog[job.name].parse(job.data)).toEqual(job.data);
        expect(job.data.mailboxId).toBe(place.mailboxId);
      }
    }
  });

  it('a reply answers the message and keeps its thread', () => {
    const [reply] = planActions(decisions.replyAndHold, facts, config, at, place).jobs;
    expect(reply).toEqual({
      name: 'reply',
      jobId: id.reply,
      data: {
        mailboxId: place.mailboxId,
        messageKey: 'k42',
        clientId: 'acme',
        ...outOfHours,
        inReplyTo: 'm42@acme.example',
        references: ['root@acme.example', 'm42@acme.example'],
        oncePerSeconds: 4 * 86_400,
      },
    });
  });

  it('the release at the check-in is delayed until then', () => {
    const release = planActions(decisions.hold, facts, config, at, place).jobs[0];
    expect(release).toEqual({
      name: 'release',
      jobId: id.due,
      data: { mailboxId: place.mailboxId, clientId: 'acme', dueAt: resumeAt },
      delayMs: Date.parse(resumeAt) - at.getTime(),
    });
  });

  it('an emergency forwards the message by its place and releases the thread at once', () => {
    const [forward, release] = planActions(decisions.forward, facts, config, at, place).jobs;
    expect(forward?.data).toEqual({
      mailboxId: place.mailboxId,
      messageKey: 'k42',
      clientId: 'acme',
      clientName: 'Acme Corp',
      mailbox: 'INBOX',
      uidValidity: '1700000000',
      uid: 42,
      messageId: 'm42@acme.example',
      from: 'olivia.park@acme.example',
      fromName: 'Olivia Park',
      subject: 'Q3 budget review',
      backup: sam,
    });
    expect(release?.data).toEqual({
      mailboxId: place.mailboxId,
      clientId: 'acme',
      dueAt: at.toISOString(),
      sender: 'olivia.park@acme.example',
      beforeUid: 42,
      threadKeys: ['root@acme.example', 'parent@acme.example'].map(deriveMessageKeyOfId),
    });
  });

  it('plans the same jobs with the same ids every time (a retry or restart adds nothing new)', () => {
    expect(planActions(decisions.forwardAndReply, facts, config, at, place)).toEqual(
      planActions(decisions.forwardAndReply, facts, config, at, place),
    );
  });
});

describe('jobIds', () => {
  const other = 'dana@imap.studio.example/Clients';
  it.each([
    ['reply', (mailbox: string) => jobIds.reply(mailbox, 'k1')],
    ['forward', (mailbox: string) => jobIds.forward(mailbox, 'k1')],
    ['emergency release', (mailbox: string) => jobIds.releaseForEmergency(mailbox, 'k1')],
    ['due release', (mailbox: string) => jobIds.releaseDue(mailbox, 'acme', at)],
    ['start sweep', (mailbox: string) => jobIds.releaseAtStart(mailbox, 'acme', at)],
  ])('%s: stable, different per mailbox, no colon', (_name, idOf) => {
    expect(idOf(place.mailboxId)).toBe(idOf(place.mailboxId));
    expect(idOf(place.mailboxId)).not.toBe(idOf(other));
    expect(idOf('user:with:colons@host/INBOX')).not.toContain(':');
  });

  it('one release per client and check-in, whatever message it is planned for', () => {
    expect(jobIds.releaseDue(place.mailboxId, 'acme', at)).not.toBe(
      jobIds.releaseDue(place.mailboxId, 'bloom', at),
    );
    expect(jobIds.releaseDue(place.mailboxId, 'acme', at)).not.toBe(
      jobIds.releaseDue(place.mailboxId, 'acme', new Date(at.getTime() + 1)),
    );
  });
});
