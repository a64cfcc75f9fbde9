import { describe, expect, it } from 'vitest';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import { readSpamSignals } from '../../../src/triage/read-spam-signals.js';
import { makeFacts } from './make-facts.js';

const textPart = (transferEncoding: string | null) =>
  makeFacts().parts.map((part) => ({ ...part, transferEncoding }));

const links = (...hrefs: string[]): NonNullable<MessageFacts['html']> => ({
  links: hrefs.map((href) => ({ href, text: 'here' })),
  images: [],
  linkCount: hrefs.length,
  imageCount: 0,
  tableCount: 0,
  hiddenTextChars: 0,
  visibleTextChars: 100,
});

const recipients = (...addresses: string[]) => addresses.map((address) => ({ address, name: '' }));

/** Each signal: facts that trip it, and the nearest facts a person's mail has that must not. */
const cases: readonly [
  code: ReasonCode,
  trips: Partial<MessageFacts>,
  nearMiss: Partial<MessageFacts>,
][] = [
  [
    'SPAM_BAD_TRANSFER_ENCODING',
    { parts: textPart('quoted printable') },
    { parts: textPart('Quoted-Printable'.toLowerCase()) },
  ],
  ['SPAM_BAD_TRANSFER_ENCODING', { parts: textPart('') }, { parts: textPart(null) }],
  [
    'SPAM_FORGED_MAILER',
    {
      headers: { 'x-mailer': ['Microsoft Outlook Express 6.00.2800.1106'] },
      messageId: '200608162052.k7GKq9CD025423@somehost.example.com',
    },
    {
      headers: { 'x-mailer': ['Microsoft Outlook Express 6.00.2800.1106'] },
      messageId: '000301c21009$256f5ac0$190863d9@ppp',
    },
  ],
  [
    'SPAM_FORGED_MAILER',
    {
      headers: { 'x-mailer': ['Microsoft Windows Live Mail 14.0.8117.416'] },
      messageId: '214E0E71FF854E5E82EA205D48BF41DE@example.org',
    },
    {
      // Exchange Online rewrote the Message-ID of what it relayed.
      headers: {
        'x-mailer': ['Microsoft Outlook Express 6.00.2900.5931'],
        'x-ms-exchange-crosstenant-id': ['x'],
      },
      messageId: 'AM4PR01MB1444B3F21AE7DA9C8128C28FF7290@AM4PR01MB1444.eurprd01.prod.outlook.com',
    },
  ],
  [
    'SPAM_TEMPLATE_LEFTOVER',
    { messageId: 'qlrqpxforpx$RND_WORDjyeottngpx@sympatico.ca' },
    { messageId: 'abcd$efgh@example.com' },
  ],
  [
    'SPAM_OBFUSCATED_LINK',
    { html: links('http://%33%36%39%39%2e%32%34%63%63%2e%63%63/') },
    { html: links('https://example.com/a%20b') },
  ],
  [
    'SPAM_OBFUSCATED_LINK',
    { freshText: 'See http://www.bank.example@203.0.113.9/login now' },
    { freshText: 'See https://www.bank.example/login?user=me@acme.example now' },
  ],
  [
    'SPAM_HARVESTED_RECIPIENTS',
    { to: recipients('webmaster@a.example', 'webmaster@b.example', 'webmaster@c.example') },
    { to: recipients('jo@a.example', 'jo@b.example', 'max@c.example') },
  ],
  [
    'SPAM_RECIPIENT_IN_LINK',
    { html: links('http://neostak.example/del.php?mail=dana%40studio.example') },
    { html: links('http://neostak.example/del.php?mail=someone%40else.example') },
  ],
  [
    'SPAM_OBFUSCATED_WORDS',
    { freshText: 'Steel P@ckage: 10 P@tches, N0w only, S!lver too' },
    { freshText: 'Mail me at jo@acme.example, the x86 build and the B2B deal: 2 of them!' },
  ],
  [
    'SPAM_FORGED_RECEIVED',
    {
      headers: {
        received: ['from 196.170.26.200 by 200.83.104.67; Thu, 02 Dec 2004 10:55:50 -0500'],
      },
    },
    {
      headers: {
        received: ['by 10.100.190.1 with SMTP id n1cs31640anf; Fri, 4 Feb 2011 11:38:46 -0800'],
      },
    },
  ],
  [
    'SPAM_FORGED_RECEIVED',
    { headers: { received: ['from  by 24.3.96.11; Thu, 05 Feb 2004 00:24:38 +0500'] } },
    {
      headers: {
        received: [
          'from sivd.example.com (HELO example.com) (192.168.42.1) by 192.168.42.42 with SMTP',
        ],
      },
    },
  ],
  [
    'SPAM_DATE_FAR_FROM_ARRIVAL',
    {
      date: '2004-01-02T15:13:19.000Z',
      headers: { received: ['from x.example by mx.example; Wed, 7 Jun 2006 11:26:18 -0700'] },
    },
    {
      date: '2006-06-07T18:00:00.000Z',
      headers: { received: ['from x.example by mx.example; Wed, 7 Jun 2006 11:26:18 -0700'] },
    },
  ],
  [
    'SPAM_DATE_FAR_FROM_ARRIVAL',
    {
      date: '1991-09-19T16:41:43.000Z',
      headers: { received: ['from a by b; Thu, 3 Oct 91 13:04:09 -0700'] },
    },
    {
      // A resent message keeps its old Date.
      date: '1991-09-19T16:41:43.000Z',
      headers: {
        received: ['from a by b; Thu, 3 Oct 91 13:04:09 -0700'],
        'resent-date': ['Thu,  3 Oct 1991 16:03:08 -0400 (EDT)'],
      },
    },
  ],
  [
    'SPAM_MALFORMED_DATE',
    { date: null, headers: { date: ['Pn, 29 paX 2007 21:13:00 +0100'] } },
    { date: null, headers: {} },
  ],
  [
    'SPAM_MALFORMED_DATE',
    { headers: { date: ['Wed, 16 Aug 2006 20:52:12 +0360'] } },
    { headers: { date: ['Fri, 2 Jan 2004 11:43:19 -0330'] } },
  ],
  [
    'SPAM_UNDECLARED_8BIT',
    { headers: { subject: ['Forget Asking For A Link Exchange\uFFFD'] } },
    { headers: { subject: ['Überweisung für März'] } },
  ],
  [
    'SPAM_SUBJECT_MONEY',
    { subject: 'Get a $1000.00 gift card on us' },
    { subject: 'The 1000 slides for Monday' },
  ],
  [
    'SPAM_SUBJECT_MONEY',
    { subject: 'Office2007, Just released for 79$' },
    { subject: 'Invoice 79 and 80' },
  ],
  [
    'SPAM_GENERATED_SENDER',
    { from: { address: 'ghocvootdnf@hotmail.example', name: 'wqzloeh' } },
    { from: { address: 'hans.schmidt@acme.example', name: 'Hans Schmidt' } },
  ],
  [
    'SPAM_GENERATED_SENDER',
    { from: { address: 'info@jbshvnthwigaf.example', name: 'Андрей Потапов' } },
    { from: { address: 'info@acme.example', name: 'Acme' } },
  ],
  [
    'SPAM_SCRIPT_MAILER',
    { headers: { 'x-mailer': ['MIME::Lite 3.020 (F2.73; T1.21; A1.77; B3.01; Q3.01)'] } },
    { headers: { 'x-mailer': ['nodemailer (2.6.0; +http://nodemailer.com/)'] } },
  ],
  [
    'SPAM_DUPLICATE_MIME_HEADER',
    {
      headers: {
        'content-type': [
          'multipart/related; boundary =bar',
          'multipart/alternative; boundary="foo"',
        ],
      },
    },
    // A Date twice is an old gateway's slip, not a second body.
    { headers: { 'content-type': ['text/plain'], date: ['Thu, 12 Jun 2003', 'Thu, 12 Jun 2003'] } },
  ],
  ['SPAM_MALFORMED_HEADER_LINE', { malformedHeaderLines: 1 }, { malformedHeaderLines: 0 }],
  ['SPAM_BLANK_TEXT_ALTERNATIVE', { blankTextAlternative: true }, { blankTextAlternative: false }],
];

const codesOf = (facts: MessageFacts) => readSpamSignals(facts).map(([code]) => code);

describe('readSpamSignals', () => {
  it.each(cases)('%s fires', (code, trips) => {
    expect(codesOf(makeFacts(trips))).toContain(code);
  });

  it.each(cases)('%s stays quiet on its near miss', (code, _trips, nearMiss) => {
    expect(codesOf(makeFacts(nearMiss))).not.toContain(code);
  });

  it('finds nothing in a plain message from a person', () => {
    expect(readSpamSignals(makeFacts())).toEqual([]);
  });

  it('weighs every signal below the bulk threshold on its own', () => {
    const weights = cases.flatMap(([, trips]) => readSpamSignals(makeFacts(trips)));
    expect(weights.length).toBeGreaterThan(0);
    for (const [code, weight] of weights) {
      expect([code, weight < 5]).toEqual([code, true]);
    }
  });
});
