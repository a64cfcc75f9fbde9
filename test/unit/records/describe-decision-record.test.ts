import { describe, expect, it } from 'vitest';
import { describeDecisionRecord } from '../../../src/records/describe-decision-record.js';
import type { Decision } from '../../../src/triage/decide.js';
import { sam } from '../../support/make-config.js';
import { makeFacts } from '../triage/make-facts.js';

const at = new Date('2026-11-25T22:00:00Z');
const resumeAt = '2026-11-26T09:00:00.000Z';
const acme = { id: 'acme', name: 'Acme Corp' };
const matched = { client: acme, automated: false, emergency: false, emergencyKeyword: null };
const reply = {
  kind: 'out-of-hours',
  to: 'olivia.park@acme.example',
  subject: 'Auto',
  body: 'x',
} as const;

const cases: {
  name: string;
  decision: Decision;
  outcome: unknown;
  client: string | null;
  emergency: boolean;
}[] = [
  {
    name: 'no client: left',
    decision: {
      kind: 'ignore',
      client: null,
      automated: true,
      reasons: ['CLIENT_UNKNOWN_IGNORED'],
    },
    outcome: { type: 'left' },
    client: null,
    emergency: false,
  },
  {
    name: 'available: left',
    decision: { kind: 'leave', ...matched, reasons: ['AVAILABLE_IN_HOURS'] },
    outcome: { type: 'left' },
    client: 'acme',
    emergency: false,
  },
  {
    name: 'hold: held until the resume instant',
    decision: {
      kind: 'hold',
      ...matched,
      automated: true,
      resumeAt,
      reasons: ['AUTO_LIST_HEADER'],
    },
    outcome: { type: 'held', until: resumeAt },
    client: 'acme',
    emergency: false,
  },
  {
    name: 'reply and hold: held',
    decision: { kind: 'reply-and-hold', ...matched, resumeAt, reply, reasons: [] },
    outcome: { type: 'held', until: resumeAt },
    client: 'acme',
    emergency: false,
  },
  {
    name: 'never back within the horizon: left in the inbox',
    decision: { kind: 'reply-and-hold', ...matched, resumeAt: null, reply, reasons: [] },
    outcome: { type: 'left' },
    client: 'acme',
    emergency: false,
  },
  {
    name: 'forward only: left in the inbox',
    decision: { kind: 'forward', ...matched, emergency: true, resumeAt, backup: sam, reasons: [] },
    outcome: { type: 'left' },
    client: 'acme',
    emergency: true,
  },
  {
    name: 'forward and reply: left in the inbox',
    decision: {
      kind: 'forward-and-reply',
      ...matched,
      emergency: true,
      resumeAt,
      backup: sam,
      reply: { ...reply, kind: 'emergency' },
      reasons: ['EMERGENCY_KEYWORD'],
    },
    outcome: { type: 'left' },
    client: 'acme',
    emergency: true,
  },
];

describe('describeDecisionRecord', () => {
  it.each(cases)('$name', ({ decision, outcome, client, emergency }) => {
    const record = describeDecisionRecord({ messageKey: 'k1', facts: makeFacts(), decision, at });
    expect(record).toEqual({
      at: '2026-11-25T22:00:00.000Z',
      client,
      messageKey: 'k1',
      messageId: 'm1@acme.example',
      from: 'olivia.park@acme.example',
      subject: 'Q3 budget review',
      decision: decision.kind,
      reasons: [...decision.reasons],
      automated: decision.automated,
      emergency,
      outcome,
      jobId: null,
    });
  });

  it.each([
    { from: null, returnPath: 'bounce@acme.example', expected: 'bounce@acme.example' },
    { from: null, returnPath: '', expected: null },
    { from: { address: '', name: 'Group' }, returnPath: null, expected: null },
  ])('the sender falls back to the Return-Path: $expected', ({ from, returnPath, expected }) => {
    const record = describeDecisionRecord({
      messageKey: 'k2',
      facts: makeFacts({ from, returnPath, messageId: null }),
      decision: { kind: 'leave', ...matched, reasons: [] },
      at,
    });
    expect(record.from).toBe(expected);
    expect(record.messageId).toBeNull();
  });
});
