import { describe, expect, it } from 'vitest';
import { deriveOutgoingMessageId } from '../../../src/mail/derive-outgoing-message-id.js';
import { isAssistantReply } from '../../../src/triage/is-assistant-reply.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import { makeFacts } from './make-facts.js';

const client = 'm42@acme.example';
const reply = (overrides: Partial<MessageFacts> = {}, headers: Record<string, string[]> = {}) =>
  makeFacts({
    messageId: 'CAF=reply1@mail.studio.example',
    from: { address: 'dana@studio.example', name: 'Dana' },
    headers,
    ...overrides,
  });
const offhoursId = deriveOutgoingMessageId(
  'dana@imap.studio.example/INBOX',
  'reply-abc-k42',
  'dana@studio.example',
);

describe('isAssistantReply', () => {
  it.each<[name: string, sent: MessageFacts, expected: boolean]>([
    ['In-Reply-To names the message', reply({}, { 'in-reply-to': [`<${client}>`] }), true],
    [
      'References names it (a reply further down the thread)',
      reply({ references: ['root@acme.example', client, 'later@studio.example'] }),
      true,
    ],
    [
      'Auto-Submitted: no is a person’s',
      reply({ references: [client] }, { 'auto-submitted': ['no'] }),
      true,
    ],
    ['another thread', reply({}, { 'in-reply-to': ['<other@acme.example>'] }), false],
    ['only a longer id that contains it', reply({}, { 'in-reply-to': [`<x${client}>`] }), false],
    [
      'offhours’ auto-reply (X-Offhours)',
      reply({ references: [client] }, { 'x-offhours': ['reply-out-of-hours; client=acme'] }),
      false,
    ],
    [
      'offhours’ Message-ID, its headers stripped by the server',
      reply({ messageId: offhoursId, references: [client] }),
      false,
    ],
    [
      'an automatic message (Auto-Submitted: auto-replied)',
      reply({ references: [client] }, { 'auto-submitted': ['auto-replied'] }),
      false,
    ],
    [
      'Auto-Submitted with parameters',
      reply({ references: [client] }, { 'auto-submitted': ['auto-generated; owner-email=x'] }),
      false,
    ],
  ])('%s', (_name, sent, expected) => {
    expect(isAssistantReply(sent, client)).toBe(expected);
  });
});
