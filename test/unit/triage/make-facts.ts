import type { MessageFacts } from '../../../src/triage/message-facts.js';

/**
 * A plain human message from a client to the VA; each test overrides only what it is about.
 * freshText follows text and parts follows contentType unless a test sets them.
 */
export function makeFacts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  const text = overrides.text ?? 'Could you send me the deck?';
  const contentType = overrides.contentType ?? 'text/plain';
  const contentTypeParams = overrides.contentTypeParams ?? {};
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
    text,
    freshText: text,
    headers: {},
    contentType,
    contentTypeParams,
    parts: [
      {
        contentType,
        params: contentTypeParams,
        depth: 0,
        malformed: false,
        transferEncoding: null,
      },
    ],
    calendarMethods: [],
    html: null,
    blankTextAlternative: false,
    malformedHeaderLines: 0,
    references: [],
    date: '2026-03-03T21:14:05.000Z',
    ...overrides,
  };
}
