import { describe, expect, it } from 'vitest';
import { escalationTags } from '../../../src/triage/escalation-tags.js';
import {
  listAcknowledgementRefs,
  type AcknowledgementRefs,
} from '../../../src/triage/list-acknowledgement-refs.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import { makeFacts } from './make-facts.js';

const dana = { address: 'dana@studio.example', name: 'Dana' };

describe('listAcknowledgementRefs', () => {
  it.each<[string, MessageFacts, AcknowledgementRefs]>([
    ['a plain message refers to nothing', makeFacts(), { messageIds: [], tokens: [] }],
    [
      'In-Reply-To and References',
      makeFacts({
        references: ['a@x.example', 'offhours.f00@studio.example'],
        headers: { 'in-reply-to': ['<offhours.f00@studio.example>'] },
      }),
      { messageIds: ['a@x.example', 'offhours.f00@studio.example'], tokens: [] },
    ],
    [
      'the subject tag behind Re:, any case',
      makeFacts({ subject: 'RE: [EMERGENCY #0A1B2C3D4E] Acme Corp: site down' }),
      { messageIds: [], tokens: ['0a1b2c3d4e'] },
    ],
    [
      'a +address among the recipients (Reply-To made it the To)',
      makeFacts({ to: [{ address: 'dana+emergency-0123456789@studio.example', name: '' }] }),
      { messageIds: [], tokens: ['0123456789'] },
    ],
    [
      'a +address in Cc, and one only the delivery agent recorded',
      makeFacts({
        to: [dana],
        cc: [{ address: 'dana+emergency-aaaaaaaaaa@studio.example', name: '' }],
        headers: { 'delivered-to': ['dana+emergency-bbbbbbbbbb@studio.example'] },
      }),
      { messageIds: [], tokens: ['aaaaaaaaaa', 'bbbbbbbbbb'] },
    ],
    [
      'one token named twice is listed once',
      makeFacts({
        subject: 'Re: [Emergency #0123456789] x',
        to: [{ address: 'dana+emergency-0123456789@studio.example', name: '' }],
      }),
      { messageIds: [], tokens: ['0123456789'] },
    ],
    [
      'a tag of the wrong shape is no token',
      makeFacts({
        subject: 'Re: [Emergency #12345] x',
        to: [{ address: 'dana+emergency-xyz@studio.example', name: '' }],
      }),
      { messageIds: [], tokens: [] },
    ],
  ])('%s', (_name, facts, expected) => {
    expect(listAcknowledgementRefs(facts)).toEqual(expected);
  });

  it('reads back what the forward writes', () => {
    const token = 'c0ffee1234';
    const replyTo = escalationTags.plusAddress(token, 'dana@studio.example');
    expect(replyTo).toBe('dana+emergency-c0ffee1234@studio.example');
    expect(escalationTags.plusAddress(token, 'dana+work@studio.example')).toBe(replyTo);
    const facts = makeFacts({
      subject: `Re: ${escalationTags.subject(token)} Acme Corp: help`,
      to: [{ address: replyTo, name: '' }],
    });
    expect(listAcknowledgementRefs(facts).tokens).toEqual([token]);
  });
});
