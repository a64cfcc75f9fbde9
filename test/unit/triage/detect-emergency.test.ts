import { describe, expect, it } from 'vitest';
import { detectEmergency, type EmergencyContext } from '../../../src/triage/detect-emergency.js';
import type { ClientRules } from '../../../src/triage/triage-config.js';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { readMailFixture } from '../mail/read-mail-fixture.js';
import { makeFacts } from './make-facts.js';

const rules: ClientRules['emergency'] = {
  keywords: ['urgent', 'site down', 'C++ build', 'asap!'],
  senders: [],
  automated: false,
};

const plain: EmergencyContext = {
  automated: false,
  senderVerified: true,
  answersOffhoursMail: false,
  ownTemplates: { subject: 'Auto: {{subject}}', bodies: [] },
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
    [
      'URGENT before a negation still counts',
      'URGENT: not working',
      '',
      { emergency: true, keyword: 'urgent' },
    ],
  ])('%s', (_name, subject, text, expected) => {
    const verdict = detectEmergency(makeFacts({ subject, text }), rules, plain);
    expect({ emergency: verdict.emergency, keyword: verdict.keyword }).toEqual(expected);
    expect(verdict.reasons).toEqual(expected.emergency ? ['EMERGENCY_KEYWORD'] : []);
  });

  it.each([[[] as string[]], [['', '   ']]])('no usable keywords (%j) never match', (keywords) => {
    const verdict = detectEmergency(
      makeFacts({ subject: 'urgent' }),
      { ...rules, keywords },
      plain,
    );
    expect(verdict).toEqual({ emergency: false, reasons: [], keyword: null });
  });

  it('compiles a keyword list once and reuses it for the same array', () => {
    const keywords = ['urgent'];
    const first = detectEmergency(makeFacts({ subject: 'urgent' }), { ...rules, keywords }, plain);
    const second = detectEmergency(makeFacts({ subject: 'calm' }), { ...rules, keywords }, plain);
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
    expect(detectEmergency(facts, { ...rules, ...overrides }, { ...plain, automated })).toEqual(
      expected,
    );
  });

  it('a message without From cannot pass a senders list', () => {
    const facts = makeFacts({ subject: 'urgent', from: null });
    expect(
      detectEmergency(facts, { ...rules, senders: ['ceo@acme.example'] }, plain).reasons,
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
    const verdict = detectEmergency(facts, rules, plain);
    expect({ emergency: verdict.emergency, keyword: verdict.keyword }).toEqual({
      emergency,
      keyword,
    });
  });
});

describe('detectEmergency: negation', () => {
  const multilingual: ClientRules['emergency'] = {
    keywords: [
      'urgent',
      'emergency',
      'rush',
      'dringend',
      'Notfall',
      'Eile',
      'urgence',
      'urgente',
      'urgenza',
      'spoed',
      'brådskande',
      'brådska',
      'pressa',
    ],
    senders: [],
    automated: false,
  };
  it.each<[text: string, emergency: boolean, reasons: string[]]>([
    ['This is not urgent.', false, ['EMERGENCY_NEGATED']],
    ['Non-urgent: the March invoice', false, ['EMERGENCY_NEGATED']],
    ['non urgent question', false, ['EMERGENCY_NEGATED']],
    ['No rush at all.', false, ['EMERGENCY_NEGATED']],
    ['Nothing urgent, just a note', false, ['EMERGENCY_NEGATED']],
    ['It is not an emergency', false, ['EMERGENCY_NEGATED']],
    ['No emergency here', false, ['EMERGENCY_NEGATED']],
    ['not very urgent', false, ['EMERGENCY_NEGATED']],
    ['NOT *urgent*', false, ['EMERGENCY_NEGATED']],
    ["isn't urgent", false, ['EMERGENCY_NEGATED']],
    ['isn’t urgent', false, ['EMERGENCY_NEGATED']],
    ['Nicht dringend, danke', false, ['EMERGENCY_NEGATED']],
    ['kein Notfall', false, ['EMERGENCY_NEGATED']],
    ['keine Eile', false, ['EMERGENCY_NEGATED']],
    ['pas urgent', false, ['EMERGENCY_NEGATED']],
    ['rien d’urgent', false, ['EMERGENCY_NEGATED']],
    ["pas d'urgence", false, ['EMERGENCY_NEGATED']],
    ['aucune urgence', false, ['EMERGENCY_NEGATED']],
    ['no es urgente', false, ['EMERGENCY_NEGATED']],
    ['nada urgente', false, ['EMERGENCY_NEGATED']],
    ['non è urgente', false, ['EMERGENCY_NEGATED']],
    ['nessuna urgenza', false, ['EMERGENCY_NEGATED']],
    ['niet dringend', false, ['EMERGENCY_NEGATED']],
    ['geen spoed', false, ['EMERGENCY_NEGATED']],
    ['não é urgente', false, ['EMERGENCY_NEGATED']],
    ['sem pressa', false, ['EMERGENCY_NEGATED']],
    ['inte brådskande', false, ['EMERGENCY_NEGATED']],
    ['ingen brådska', false, ['EMERGENCY_NEGATED']],
    ['Not urgent, but this one is URGENT', true, ['EMERGENCY_KEYWORD']],
    ['No, this is urgent', true, ['EMERGENCY_KEYWORD']],
    ['Nothing works, urgent', true, ['EMERGENCY_KEYWORD']],
    ['I am not sure why but it is urgent', true, ['EMERGENCY_KEYWORD']],
    ['Nothing is more urgent than this', true, ['EMERGENCY_KEYWORD']],
    ['cannot wait: urgent', true, ['EMERGENCY_KEYWORD']],
    ['dringend!', true, ['EMERGENCY_KEYWORD']],
    ['C’est urgent', true, ['EMERGENCY_KEYWORD']],
  ])('%s -> emergency %s', (text, emergency, reasons) => {
    const verdict = detectEmergency(makeFacts({ subject: 'A note', text }), multilingual, plain);
    expect({ emergency: verdict.emergency, reasons: verdict.reasons }).toEqual({
      emergency,
      reasons,
    });
  });

  it('judges the last word of a long stretch, not the tail of a cut word', () => {
    const text = `${'x'.repeat(57)}cannot urgent`;
    expect(detectEmergency(makeFacts({ text }), multilingual, plain).emergency).toBe(true);
  });
});

describe('detectEmergency: replies to offhours’ own mail', () => {
  const autoReply = [
    'Hi Olivia,',
    '',
    "Thanks for your message. I'm outside my working hours for Acme at the moment.",
    '',
    "If it can't wait, reply with URGENT at the top of your message and Sam Ortiz will pick it up.",
    '',
    'Best wishes,',
    'Dana',
  ].join('\n');
  const ownTemplates = {
    subject: 'Auto: {{subject}}',
    bodies: [
      'Hi {{senderName}},\n\n{{howToEscalate}}\n',
      "If it can't wait, reply with URGENT at the top of your message and {{backupName}} will pick it up.",
    ],
  };
  const reply = { ...plain, answersOffhoursMail: true, ownTemplates };
  it.each<
    [name: string, subject: string, text: string, context: EmergencyContext, reasons: string[]]
  >([
    [
      '"Ok, thanks" with an Outlook-style unmarked quote',
      'RE: Auto: Invoice',
      `Ok, thanks\n\nFrom: Dana <dana@studio.example>\nSent: Tuesday\n\n${autoReply}`,
      reply,
      ['EMERGENCY_IN_OWN_TEXT'],
    ],
    [
      'the same text rewrapped and with curly quotes',
      'Re: Auto: Invoice',
      `Ok\n\n${autoReply.replace(/ at the top /, '\nat the top ').replace("can't", 'can’t')}`,
      reply,
      ['EMERGENCY_IN_OWN_TEXT'],
    ],
    [
      'the same quote without the ledger fact raises an emergency (the bug)',
      'RE: Auto: Invoice',
      `Ok, thanks\n\n${autoReply}`,
      plain,
      ['EMERGENCY_KEYWORD'],
    ],
    [
      '"URGENT: the server is down" above the quote escalates',
      'Re: Auto: Invoice',
      `URGENT: the server is down\n\n${autoReply}`,
      reply,
      ['EMERGENCY_KEYWORD'],
    ],
    [
      'URGENT put before the inherited subject escalates',
      'URGENT Re: Auto: Invoice',
      `${autoReply}`,
      reply,
      ['EMERGENCY_KEYWORD'],
    ],
    [
      'a keyword in the inherited subject does not',
      'Re: Auto: URGENT: site down',
      'thanks, all good now',
      reply,
      ['EMERGENCY_IN_OWN_TEXT'],
    ],
    [
      'AW: and SV: prefixes are inherited too',
      'AW: SV: Auto: urgent',
      'Danke',
      reply,
      ['EMERGENCY_IN_OWN_TEXT'],
    ],
    [
      'a new subject on a reply counts whole',
      'Urgent: checkout broken',
      'see above',
      reply,
      ['EMERGENCY_KEYWORD'],
    ],
  ])('%s', (_name, subject, text, context, reasons) => {
    expect(detectEmergency(makeFacts({ subject, text }), rules, context).reasons).toEqual(reasons);
  });
});

describe('detectEmergency: verified senders', () => {
  it.each<[verified: boolean, senders: string[], from: string, reasons: string[]]>([
    [true, [], 'olivia.park@acme.example', ['EMERGENCY_KEYWORD']],
    [false, [], 'olivia.park@acme.example', ['EMERGENCY_SENDER_UNVERIFIED']],
    [
      false,
      ['olivia.park@acme.example'],
      'olivia.park@acme.example',
      ['EMERGENCY_SENDER_UNVERIFIED'],
    ],
    [true, ['ceo@bücher.example'], 'CEO@xn--bcher-kva.example', ['EMERGENCY_KEYWORD']],
    [
      false,
      ['ceo@acme.example'],
      'olivia.park@acme.example',
      ['EMERGENCY_SENDER_NOT_ALLOWED', 'EMERGENCY_SENDER_UNVERIFIED'],
    ],
  ])('verified %s, senders %j, from %s', (senderVerified, senders, from, reasons) => {
    const facts = makeFacts({ subject: 'urgent', from: { address: from, name: '' } });
    expect(
      detectEmergency(facts, { ...rules, senders }, { ...plain, senderVerified }).reasons,
    ).toEqual(reasons);
  });
});

describe('detectEmergency on 256 KiB pathological text (linear-time matching)', () => {
  const size = 256 * 1024;
  const phraseRules: ClientRules['emergency'] = {
    keywords: ['urgent', 'site down', 'not working'],
    senders: [],
    automated: false,
  };
  const ownReply: EmergencyContext = {
    ...plain,
    answersOffhoursMail: true,
    ownTemplates: { subject: 'Auto: {{subject}}', bodies: ['reply with URGENT {{backupName}}'] },
  };
  it.each<[name: string, subject: string, text: string, emergency: boolean]>([
    ['a phrase start followed by spaces', 'hi', `site${' '.repeat(size)}x`, false],
    ['phrase starts over and over', 'hi', 'site '.repeat(size / 5), false],
    ['negators over and over before a keyword', 'hi', `${'not '.repeat(size / 4)}urgent`, false],
    ['negated keywords over and over', 'hi', 'not urgent '.repeat(size / 11), false],
    ['a reply prefix followed by spaces', `re${' '.repeat(size)}`, '', false],
    ['reply prefixes over and over', 're '.repeat(size / 3), 'urgent', true],
    ['our own fragment over and over', 'Re: x', 'reply with urgent '.repeat(size / 18), false],
  ])('%s', (_name, subject, text, emergency) => {
    expect(detectEmergency(makeFacts({ subject, text }), phraseRules, ownReply).emergency).toBe(
      emergency,
    );
  });
});
