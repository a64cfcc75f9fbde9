import type { MessageFacts } from '../../../src/triage/message-facts.js';

/** A plain human message from a client to the VA; each test overrides only what it is about. */
export function makeFacts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    messageId: 'm1@acme.example',
    from: { address: 'olivia.park@acme.example', name: 'Olivia Park' },
    returnPath: 'olivia.park@acme.example',
    to: [{ address: 'dana@studio.example', name: 'Dana Whitfield' }],
    cc: [],
    bcc: [],
    resentTo: [],
    resentCc: [],
    resentBcc: [],
    subject: 'Q3 budget review',
    text: 'Could you send me the deck?',
    headers: {},
    contentType: 'text/plain',
    contentTypeParams: {},
    references: [],
    date: '2026-03-03T21:14:05.000Z',
    ...overrides,
  };
}
