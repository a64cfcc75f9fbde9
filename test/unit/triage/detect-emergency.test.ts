import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../src/triage/detect-emergency.js';
import type { ClientRules } from '../../../src/triage/triage-config.js';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { readMailFixture } from '../mail/read-mail-fixture.js';
import { makeFacts } from './make-facts.js';

const rules: ClientRules['emergency'] = {
  keywords: ['urgent', 'site down', 'C++ build', 'asap!'],
  senders: [],
  automated: false,
};

type Case = [
  name: string,
  subject: string,
  text: string,
  expected: { emergency: boolean; keyword: string | null },
];

describe('detectEmergency: keywords', () => {
  it.each<Case>([
    [
      'keyword in the subject',
      'URGENT: checkout broken',
      '',
      { emergency: true, keyword: 'urgent' },
    ],
    ['keyword before punctuation', 'hi', 'This is urgent!', { emergency: true, keyword: 'urgent' }],
    ['mixed case', 'hi', 'UrGeNt please', { emergency: true, keyword: 'urgent' }],
    ['keyword inside a longer word', 'hi', 'reply urgently', { emergency: false, keyword: null }],
    ['keyword after a letter', 'hi', 'nonurgent matter', { emergency: false, keyword: null }],
    [
      'phrase across a newline',
      'hi',
      'the site\r\n  down since 10',
      { emergency: true, keyword: 'site down' },
    ],
    [
      'phrase across tabs and spaces',
      'hi',
      'site \t down',
      { emergency: true, keyword: 'site down' },
    ],
    ['phrase with another word between', 'hi', 'site is down', { emergency: false, keyword: null }],
    [
      'regex metacharacters are literal',
      'hi',
      'the C++ build failed',
      { emergency: true, keyword: 'C++ build' },
    ],
    [
      'metacharacters do not act as regex',
      'hi',
      'the CCC build failed',
      { emergency: false, keyword: null },
    ],
    ['keyword ending in punctuation', 'hi', 'Need it ASAP!', { emergency: true, keyword: 'asap!' }],
    [
      'quoted line is ignored',
      'Re: checkout',
      'fixed now\n> URGENT: site down',
      { emergency: false, keyword: null },
    ],
    [
      'indented quoted line is ignored',
      'Re: checkout',
      'fixed\n  > urgent',
      { emergency: false, keyword: null },
    ],
    [
      'unquoted line after a quote counts',
      'Re: x',
      '> old\nurgent again',
      { emergency: true, keyword: 'urgent' },
    ],
    ['no keyword', 'Q3 budget', 'No rush tonight.', { emergency: false, keyword: null }],
  ])('%s', (_name, subject, text, expected) => {
    const verdict = detectEmergency(makeFacts({ subject, text }), rules, false);
    expect({ emergency: verdict.emergency, keyword: verdict.keyword }).toEqual(expected);
    expect(verdict.reasons).toEqual(expected.emergency ? ['EMERGENCY_KEYWORD'] : []);
  });

  it.each([[[] as string[]], [['', '   ']]])('no usable keywords (%j) never match', (keywords) => {
    const verdict = detectEmergency(
      makeFacts({ subject: 'urgent' }),
      { ...rules, keywords },
      false,
    );
    expect(verdict).toEqual({ emergency: false, reasons: [], keyword: null });
  });

  it('compiles a keyword list once and reuses it for the same array', () => {
    const keywords = ['urgent'];
    const first = detectEmergency(makeFacts({ subject: 'urgent' }), { ...rules, keywords }, false);
    const second = detectEmergency(makeFacts({ subject: 'calm' }), { ...rules, keywords }, false);
    expect([first.emergency, second.emergency]).toEqual([true, false]);
  });
});

describe('detectEmergency: senders and automation', () => {
  it.each<
    [string, Partial<ClientRules['emergency']>, string, boolean, ReturnType<typeof detectEmergency>]
  >([
    [
      'any sender allowed',
      {},
      'olivia.park@acme.example',
      false,
      { emergency: true, reasons: ['EMERGENCY_KEYWORD'], keyword: 'urgent' },
    ],
    [
      'listed sender',
      { senders: ['olivia.park@acme.example'] },
      'olivia.park@acme.example',
      false,
      { emergency: true, reasons: ['EMERGENCY_KEYWORD'], keyword: 'urgent' },
    ],
    [
      'unlisted sender',
      { senders: ['ceo@acme.example'] },
      'olivia.park@acme.example',
      false,
      { emergency: false, reasons: ['EMERGENCY_SENDER_NOT_ALLOWED'], keyword: 'urgent' },
    ],
    [
      'automated, not allowed',
      {},
      'olivia.park@acme.example',
      true,
      { emergency: false, reasons: ['EMERGENCY_AUTOMATED_IGNORED'], keyword: 'urgent' },
    ],
    [
      'automated, allowed',
      { automated: true },
      'olivia.park@acme.example',
      true,
      {
        emergency: true,
        reasons: ['EMERGENCY_AUTOMATED_ALLOWED', 'EMERGENCY_KEYWORD'],
        keyword: 'urgent',
      },
    ],
    [
      'unlisted and automated',
      { senders: ['ceo@acme.example'] },
      'monitor@acme.example',
      true,
      {
        emergency: false,
        reasons: ['EMERGENCY_SENDER_NOT_ALLOWED', 'EMERGENCY_AUTOMATED_IGNORED'],
        keyword: 'urgent',
      },
    ],
  ])('%s', (_name, overrides, sender, automated, expected) => {
    const facts = makeFacts({ subject: 'URGENT', from: { address: sender, name: '' } });
    expect(detectEmergency(facts, { ...rules, ...overrides }, automated)).toEqual(expected);
  });

  it('a message without From cannot pass a senders list', () => {
    const facts = makeFacts({ subject: 'urgent', from: null });
    expect(
      detectEmergency(facts, { ...rules, senders: ['ceo@acme.example'] }, false).reasons,
    ).toEqual(['EMERGENCY_SENDER_NOT_ALLOWED']);
  });
});

describe('detectEmergency on fixtures', () => {
  it.each([
    ['urgent-request.eml', true, 'urgent'],
    ['reply-quoting-urgent.eml', false, null],
    ['human-out-of-hours-request.eml', false, null],
  ])('%s -> emergency %s', async (fixture, emergency, keyword) => {
    const { facts } = await parseMessage(readMailFixture(fixture));
    const verdict = detectEmergency(facts, rules, false);
    expect({ emergency: verdict.emergency, keyword: verdict.keyword }).toEqual({
      emergency,
      keyword,
    });
  });
});
