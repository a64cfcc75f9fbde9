import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/triage/decide.js';
import { findReplyPromise, type NoPromiseReason } from '../../../src/triage/find-reply-promise.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from './make-facts.js';

const acme = { id: 'acme', name: 'Acme Corp' };
const matched = { client: acme, automated: false, emergency: false, emergencyKeyword: null };
const leave: Decision = { kind: 'leave', ...matched, reasons: [] };
const config = makeTriageConfig({
  clients: [makeAcme({ replyWithinSeconds: 7200 })],
});
const person = makeFacts();

describe('findReplyPromise', () => {
  it('a person’s mail from a client with replyWithin starts the clock', () => {
    expect(findReplyPromise(leave, person, config)).toEqual({
      promised: true,
      client: config.clients[0],
      withinSeconds: 7200,
    });
  });

  it('out of hours too: held and answered mail starts a clock', () => {
    const held: Decision = {
      kind: 'reply-and-hold',
      ...matched,
      resumeAt: '2026-11-27T16:00:00.000Z',
      reply: { kind: 'out-of-hours', to: 'olivia.park@acme.example', subject: 'Auto', body: '' },
      reasons: [],
    };
    expect(findReplyPromise(held, person, config)).toMatchObject({ promised: true });
  });

  it.each<[name: string, decision: Decision, facts: MessageFacts, reason: NoPromiseReason]>([
    [
      'no client (a backup’s acknowledgement is decided so too)',
      { kind: 'ignore', client: null, automated: false, reasons: [] },
      person,
      'no-client',
    ],
    [
      'a client no longer configured',
      { ...leave, client: { id: 'gone', name: 'Gone' } },
      person,
      'no-client',
    ],
    ['a robot', { ...leave, automated: true }, person, 'automated'],
    [
      'offhours’ own mail come back (X-Offhours)',
      leave,
      makeFacts({ headers: { 'x-offhours': ['reminder; client=acme'] } }),
      'automated',
    ],
    [
      'the VA’s own mail',
      leave,
      makeFacts({ from: { address: 'Hello@Studio.example', name: 'Dana' } }),
      'not-from-client',
    ],
    [
      'a backup’s mail',
      leave,
      makeFacts({ from: { address: 'sam@studio.example', name: 'Sam' } }),
      'not-from-client',
    ],
    ['no From', leave, makeFacts({ from: null }), 'not-from-client'],
    ['no Message-ID', leave, makeFacts({ messageId: null }), 'no-message-id'],
  ])('%s: no clock', (_name, decision, facts, reason) => {
    expect(findReplyPromise(decision, facts, config)).toEqual({ promised: false, reason });
  });

  it('a client without replyWithin: no clock', () => {
    expect(findReplyPromise(leave, person, makeTriageConfig())).toEqual({
      promised: false,
      reason: 'no-promise',
    });
  });
});
