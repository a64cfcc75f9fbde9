import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  scheduleEscalationStep,
  type EmergencyPayload,
  type EscalationDeps,
} from '../../../src/actions/schedule-escalation-step.js';
import type { PlannedJob } from '../../../src/queue/job-queues.js';
import type { OnCallRules } from '../../../src/schedule/client-schedule.js';
import type { StepClaim } from '../../../src/store/escalation-ledger.js';
import { jobIds } from '../../../src/queue/job-ids.js';

/** Planning the next step with in-memory stand-ins for the queue and the ledger. */

const mailboxId = 'dana@imap.studio.example/INBOX';
const token = '0123456789';
const sam = { name: 'Sam Ortiz', address: 'sam@studio.example' };
const priya = { name: 'Priya Shah', address: 'priya@studio.example' };
const onCall: OnCallRules = {
  backups: [sam, priya],
  rotation: { every: 'week', startsAt: '2026-11-23T09:00', timeZone: 'Europe/London' },
  overrides: [],
  escalation: { afterSeconds: 600, finally: 'dana.reyes@personal.example' },
};
const emergency: EmergencyPayload = {
  messageKey: 'k1',
  clientId: 'acme',
  clientName: 'Acme Corp',
  mailbox: 'INBOX',
  uidValidity: '17',
  uid: 4,
  messageId: 'site-down@acme.example',
  from: 'ceo@acme.example',
  subject: 'URGENT: site down',
};
const sentAt = new Date('2026-11-25T22:00:00Z');

function harness(rules: OnCallRules, now = sentAt) {
  const queued: PlannedJob[] = [];
  const claims: { step: number; target: unknown }[] = [];
  const deps: EscalationDeps = {
    mailboxId,
    ledger: {
      open: () => Promise.reject(new Error('not used')),
      read: () => Promise.resolve(null),
      claim: (_token, step, target): Promise<StepClaim> => {
        claims.push({ step, target });
        return Promise.resolve(
          target === null ? { kind: 'over' } : { kind: 'taken', step: target },
        );
      },
    },
    enqueue: (jobs) => {
      queued.push(...jobs);
      return Promise.resolve();
    },
    onCall: () => rules,
    logger: pino({ level: 'silent' }),
    now: () => now,
  };
  return { deps, queued, claims };
}

describe('scheduleEscalationStep', () => {
  it('queues the step as a delayed job whose id names the mailbox, the token and the step', async () => {
    const { deps, queued, claims } = harness(onCall, new Date('2026-11-25T22:00:02Z'));
    expect(await scheduleEscalationStep(emergency, token, 1, [sam.address], sentAt, deps)).toBe(
      'scheduled',
    );
    expect(queued).toEqual([
      {
        name: 'escalate',
        jobId: jobIds.escalate(mailboxId, token, 1),
        data: { ...emergency, mailboxId, token, step: 1 },
        delayMs: 598_000,
      },
    ]);
    expect(queued[0]?.jobId).not.toContain(':');
    expect(claims).toEqual([]);
  });

  it('queues a step at once when the previous one failed for good', async () => {
    const { deps, queued } = harness(onCall);
    await scheduleEscalationStep(emergency, token, 2, [sam.address, priya.address], sentAt, deps, {
      immediately: true,
    });
    expect(queued.map((job) => [job.jobId, job.delayMs])).toEqual([
      [jobIds.escalate(mailboxId, token, 2), 0],
    ]);
  });

  it('ends the escalation instead when nobody is left', async () => {
    const { deps, queued, claims } = harness(onCall);
    const asked = [sam.address, priya.address, 'dana.reyes@personal.example'];
    expect(await scheduleEscalationStep(emergency, token, 3, asked, sentAt, deps)).toBe('over');
    expect(queued).toEqual([]);
    expect(claims).toEqual([{ step: 3, target: null }]);
  });

  it('does nothing without onCall.escalation', async () => {
    const { deps, queued, claims } = harness({ ...onCall, escalation: null });
    expect(await scheduleEscalationStep(emergency, token, 1, [sam.address], sentAt, deps)).toBe(
      'off',
    );
    expect(queued).toEqual([]);
    expect(claims).toEqual([]);
  });
});
