import { describe, expect, it } from 'vitest';
import { detectAutomation } from '../../../src/triage/detect-automation.js';
import type { HtmlFacts, MessageFacts } from '../../../src/triage/message-facts.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import { makeFacts } from './make-facts.js';

const headers = (record: Record<string, string>): MessageFacts['headers'] =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name, [value]]));

const noHtml: HtmlFacts = {
  links: [],
  images: [],
  linkCount: 0,
  imageCount: 0,
  tableCount: 0,
  hiddenTextChars: 0,
  visibleTextChars: 0,
};

type Row = [name: string, overrides: Partial<MessageFacts>, expected: ReasonCode[]];

describe('spam verdicts of the receiving server', () => {
  it.each<Row>([
    [
      'SpamAssassin X-Spam-Flag: YES',
      { headers: headers({ 'x-spam-flag': 'YES' }) },
      ['AUTO_SPAM_FLAG'],
    ],
    [
      'SpamAssassin X-Spam-Status: Yes, score=...',
      { headers: headers({ 'x-spam-status': 'Yes, score=15.2 required=5.0 tests=BAYES_99' }) },
      ['AUTO_SPAM_FLAG'],
    ],
    ['X-Spam: Yes', { headers: headers({ 'x-spam': 'Yes' }) }, ['AUTO_SPAM_FLAG']],
    [
      'Barracuda X-Barracuda-Spam-Status: Yes',
      { headers: headers({ 'x-barracuda-spam-status': 'Yes, SCORE=8.1' }) },
      ['AUTO_SPAM_FLAG'],
    ],
    [
      'rspamd X-Rspamd-Action: add header',
      { headers: headers({ 'x-rspamd-action': 'add header' }) },
      ['AUTO_SPAM_RSPAMD'],
    ],
    [
      'rspamd X-Spamd-Result: default: True',
      { headers: headers({ 'x-spamd-result': 'default: True [16.10 / 15.00]; BAYES_SPAM(5.10)' }) },
      ['AUTO_SPAM_RSPAMD'],
    ],
    [
      'Exchange SCL 5',
      { headers: headers({ 'x-ms-exchange-organization-scl': '5' }) },
      ['AUTO_SPAM_EXCHANGE'],
    ],
    [
      'Forefront SFV:SPM',
      {
        headers: headers({
          'x-forefront-antispam-report':
            'CIP:203.0.113.9;CTRY:;LANG:en;SCL:9;SRV:;IPV:NLI;SFV:SPM;H:mx.example;',
        }),
      },
      ['AUTO_SPAM_EXCHANGE'],
    ],
    ['a [SPAM] subject tag', { subject: '[SPAM] Cheap watches' }, ['AUTO_SPAM_SUBJECT_TAG']],
    ['a *****SPAM***** subject tag', { subject: '*****SPAM***** FREE' }, ['AUTO_SPAM_SUBJECT_TAG']],
    [
      'near miss: X-Spam-Status: No',
      { headers: headers({ 'x-spam-status': 'No, score=-1.1 required=5.0' }) },
      [],
    ],
    ['near miss: X-Spam-Flag: NO', { headers: headers({ 'x-spam-flag': 'NO' }) }, []],
    ['near miss: rspamd no action', { headers: headers({ 'x-rspamd-action': 'no action' }) }, []],
    [
      'near miss: rspamd default: False',
      { headers: headers({ 'x-spamd-result': 'default: False [-0.70 / 15.00]' }) },
      [],
    ],
    ['near miss: SCL 1', { headers: headers({ 'x-ms-exchange-organization-scl': '1' }) }, []],
    [
      'near miss: Forefront SFV:NSPM',
      { headers: headers({ 'x-forefront-antispam-report': 'CIP:198.51.100.2;SCL:1;SFV:NSPM;' }) },
      [],
    ],
    ['near miss: a person writing about spam', { subject: 'Spam in the shared inbox' }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});

describe('bulk-sender, helpdesk and calendar headers', () => {
  it.each<Row>([
    [
      'Amazon SES X-SES-Outgoing',
      { headers: headers({ 'x-ses-outgoing': '2026.03.03-54.240.8.1' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'Feedback-ID',
      { headers: headers({ 'feedback-id': '1.us-east-1.abc=:AmazonSES' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'SendGrid X-SG-EID',
      { headers: headers({ 'x-sg-eid': 'u001.abc' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'Mailgun X-Mailgun-Sid',
      { headers: headers({ 'x-mailgun-sid': 'WyI3Zm' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'Mailchimp X-MC-User',
      { headers: headers({ 'x-mc-user': '2b3c4d5e6f' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'X-Campaign-Id',
      { headers: headers({ 'x-campaignid': 'spring-sale' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    [
      'List-Unsubscribe-Post',
      { headers: headers({ 'list-unsubscribe-post': 'List-Unsubscribe=One-Click' }) },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    ['X-Precedence: bulk', { headers: headers({ 'x-precedence': 'bulk' }) }, ['AUTO_PRECEDENCE']],
    [
      'Precedence: auto_reply',
      { headers: headers({ precedence: 'auto_reply' }) },
      ['AUTO_PRECEDENCE'],
    ],
    [
      'near miss: Mailgun inbound routing',
      { headers: headers({ 'x-mailgun-incoming': 'Yes' }) },
      [],
    ],
    ['Zendesk', { headers: headers({ 'x-zendesk-from-account-id': '12ab34' }) }, ['AUTO_HELPDESK']],
    ['Freshdesk', { headers: headers({ 'x-freshdesk-ticket-id': '4711' }) }, ['AUTO_HELPDESK']],
    [
      'Request Tracker',
      {
        headers: headers({
          'rt-ticket': 'example.com #123',
          'x-rt-loop-prevention': 'example.com',
        }),
      },
      ['AUTO_HELPDESK'],
    ],
    ['an iTIP REQUEST nested in the tree', { calendarMethods: ['REQUEST'] }, ['AUTO_CALENDAR']],
    ['an iTIP REPLY (Outlook meeting response)', { calendarMethods: ['REPLY'] }, ['AUTO_CALENDAR']],
    ['an iTIP CANCEL', { calendarMethods: ['CANCEL'] }, ['AUTO_CALENDAR']],
    ['near miss: a PUBLISH .ics a person attached', { calendarMethods: ['PUBLISH'] }, []],
    [
      "Google Calendar's envelope",
      { returnPath: '3k2bzzq8cbk4ir@calendar-server.bounces.google.com' },
      ['AUTO_CALENDAR_SERVICE'],
    ],
    [
      "Outlook's meeting message class",
      { headers: headers({ 'content-class': 'urn:content-classes:calendarmessage' }) },
      ['AUTO_CALENDAR_SERVICE'],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});

describe('reports anywhere in the MIME structure', () => {
  it.each<Row>([
    [
      'multipart/report nested in multipart/mixed',
      {
        contentType: 'multipart/mixed',
        parts: [
          {
            contentType: 'multipart/mixed',
            params: {},
            depth: 0,
            malformed: false,
            transferEncoding: null,
          },
          {
            contentType: 'multipart/report',
            params: { 'report-type': 'delivery-status' },
            depth: 1,
            malformed: false,
            transferEncoding: null,
          },
          {
            contentType: 'message/delivery-status',
            params: {},
            depth: 2,
            malformed: false,
            transferEncoding: null,
          },
        ],
      },
      ['AUTO_REPORT'],
    ],
    [
      'an ARF feedback report',
      {
        contentType: 'multipart/mixed',
        parts: [
          {
            contentType: 'multipart/mixed',
            params: {},
            depth: 0,
            malformed: false,
            transferEncoding: null,
          },
          {
            contentType: 'message/feedback-report',
            params: {},
            depth: 1,
            malformed: false,
            transferEncoding: null,
          },
        ],
      },
      ['AUTO_REPORT'],
    ],
    [
      'Hotmail JMRP complaint (only the subject says so)',
      {
        from: { address: 'staff@hotmail.com', name: '' },
        subject: 'complaint about message from 192.0.2.222',
      },
      ['AUTO_REPORT_SUBJECT'],
    ],
    [
      'near miss: a forwarded bounce attached as message/rfc822',
      {
        subject: 'Fwd: Undelivered Mail Returned to Sender',
        contentType: 'multipart/mixed',
        parts: [
          {
            contentType: 'multipart/mixed',
            params: {},
            depth: 0,
            malformed: false,
            transferEncoding: null,
          },
          {
            contentType: 'text/plain',
            params: {},
            depth: 1,
            malformed: false,
            transferEncoding: null,
          },
          {
            contentType: 'message/rfc822',
            params: {},
            depth: 1,
            malformed: false,
            transferEncoding: null,
          },
        ],
      },
      [],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});

describe('system and role senders, VERP envelopes', () => {
  const from = (address: string) => ({ from: { address, name: '' }, returnPath: address });
  it.each<Row>([
    [
      'Exchange system mailbox',
      from('microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@acme.example'),
      ['AUTO_SYSTEM_SENDER'],
    ],
    ['MDaemon', from('mdaemon@mail.acme.example'), ['AUTO_SYSTEM_SENDER']],
    ['post_master', from('post_master@vtext.example'), ['AUTO_SYSTEM_SENDER']],
    ['cron mail from root', from('root@build01.acme.example'), ['AUTO_SYSTEM_SENDER']],
    ['orders@', from('orders@shop.example'), ['AUTO_ROLE_SENDER']],
    ['ship-confirm@', from('ship-confirm@shop.example'), ['AUTO_ROLE_SENDER']],
    ['service@', from('service@pay.example'), ['AUTO_ROLE_SENDER']],
    ['near miss: info@ of a small business', from('info@smallbiz.example'), []],
    [
      'VERP: the recipient encoded in the envelope',
      {
        returnPath: 'news-dana=studio.example@lists.bloom.example',
        from: { address: 'news@bloom.example', name: '' },
      },
      ['AUTO_ROLE_SENDER', 'AUTO_VERP_RETURN_PATH'],
    ],
    [
      'VERP: an SES message token',
      {
        returnPath: '0100018c3d4e5f60-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000@amazonses.com',
        from: { address: 'hello@bloom.example', name: '' },
      },
      ['AUTO_VERP_RETURN_PATH'],
    ],
    [
      'VERP: a token on another organisation under the same public suffix (co.uk)',
      {
        returnPath: 'b-4f1c9a2e7d3b8a6c0e5f@mailer.esp.co.uk',
        from: { address: 'hello@bloom.co.uk', name: '' },
      },
      ['AUTO_VERP_RETURN_PATH'],
    ],
    [
      'near miss: a token on the sender’s own organisation',
      {
        returnPath: 'b-4f1c9a2e7d3b8a6c0e5f@mail.bloom.co.uk',
        from: { address: 'hello@bloom.co.uk', name: '' },
      },
      [],
    ],
    [
      'near miss: BATV signs a person’s envelope',
      { returnPath: 'prvs=1234abcd5e=olivia.park@acme.example' },
      [],
    ],
    [
      'near miss: SRS from a forwarder',
      { returnPath: 'srs0=hhh=tt=acme.example=olivia.park@forwarder.example' },
      [],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});

describe('robot subjects, in many languages', () => {
  it.each<[subject: string, expected: ReasonCode[]]>([
    ['Automatic reply: Q3 budget review', ['AUTO_REPLY_SUBJECT']],
    ['Frånvaro: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Fraværende: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Automatická odpověď: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Αυτόματη απάντηση: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Automatikus válasz: Q3', ['AUTO_REPLY_SUBJECT']],
    ['自動応答: Q3', ['AUTO_REPLY_SUBJECT']],
    ['자동 회신: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Автоматический ответ: Q3', ['AUTO_REPLY_SUBJECT']],
    ['Otomatik yanıt: Q3', ['AUTO_REPLY_SUBJECT']],
    ['自动回复: Q3', ['AUTO_REPLY_SUBJECT']],
    ['[Out of Office] Q3', ['AUTO_REPLY_SUBJECT']],
    ['Undeliverable: Q3 budget review', ['AUTO_NDR_SUBJECT']],
    ['Non remis : Q3', ['AUTO_NDR_SUBJECT']],
    ['Returned Mail - Error During Delivery', ['AUTO_NDR_SUBJECT']],
    ['Delivery Status Notification (Delay)', ['AUTO_NDR_SUBJECT']],
    ['Warning: could not send message for past 4 hours', ['AUTO_NDR_SUBJECT']],
    ['Unzustellbar: Q3', ['AUTO_NDR_SUBJECT']],
    ['Read: Q3 budget review', ['AUTO_RECEIPT_SUBJECT']],
    ['Return Receipt', ['AUTO_RECEIPT_SUBJECT']],
    ['Gelesen: Q3', ['AUTO_RECEIPT_SUBJECT']],
    ['Please confirm your message', ['AUTO_CHALLENGE_SUBJECT']],
    ['Your message to team awaits moderator approval', ['AUTO_LIST_NOTICE_SUBJECT']],
    ['Loop Alert: Duplicated Message-ID (neko ML)', ['AUTO_LIST_NOTICE_SUBJECT']],
    ['Reset your password', ['AUTO_TRANSACTIONAL_SUBJECT']],
    ['Order #1042 confirmed', ['AUTO_TRANSACTIONAL_SUBJECT']],
    ['Re: automatic reply settings question', []],
    ['Reading list for Q3', []],
    ['Fwd: Undeliverable: Q3', []],
    ['Sam is out of the office Friday', []],
    ['Ordering lunch for Friday', []],
    ['Absence policy draft', []],
  ])('%s', (subject, expected) => {
    expect(detectAutomation(makeFacts({ subject }))).toEqual(expected);
  });

  it('reads a challenge-response text but not one a person forwards', () => {
    const challenge =
      'This account is protected by Bluebottle. Please click on the following link to have your address added to the recipient’s allowed list.';
    expect(detectAutomation(makeFacts({ text: challenge, freshText: challenge }))).toEqual([
      'AUTO_CHALLENGE_TEXT',
    ]);
    expect(
      detectAutomation(
        makeFacts({ text: `FYI, odd one\n\n> ${challenge}`, freshText: 'FYI, odd one' }),
      ),
    ).toEqual([]);
  });
});

describe('the header-less bulk score', () => {
  const newsletterHtml: HtmlFacts = {
    ...noHtml,
    links: [
      { href: 'https://news.example/view/212', text: 'View in browser' },
      { href: 'https://news.example/u?id=77', text: 'Unsubscribe' },
    ],
    images: [{ src: 'https://t.news.example/o.gif', width: 1, height: 1, hidden: false }],
    linkCount: 14,
    imageCount: 6,
    tableCount: 5,
    visibleTextChars: 1800,
  };

  it.each<Row>([
    [
      'an HTML newsletter without any list header',
      {
        html: newsletterHtml,
        contentType: 'text/html',
        text: 'Spring collection\n\nView in browser\n...\nUnsubscribe',
        freshText: 'Spring collection\n\nView in browser\n...\nUnsubscribe',
      },
      [
        'AUTO_BULK_SCORE',
        'BULK_UNSUBSCRIBE',
        'BULK_VIEW_IN_BROWSER',
        'BULK_MARKETING_HTML',
        'BULK_TRACKING_PIXEL',
      ],
    ],
    [
      'a plain-text digest with an unsubscribe footer',
      {
        freshText:
          'THE WEEKLY BRIEF #212\n\n1. Markets\n\n--\nYou are receiving this because you subscribed to The Weekly Brief.\nTo unsubscribe, visit https://brief.example/u',
      },
      ['AUTO_BULK_SCORE', 'BULK_UNSUBSCRIBE', 'BULK_MASS_MAIL_FOOTER'],
    ],
    [
      'mass mail to undisclosed recipients without Message-ID',
      {
        to: [],
        messageId: null,
        freshText: 'Dear Friend, you have won a cash prize. Click here to claim your reward.',
      },
      ['AUTO_BULK_SCORE', 'BULK_UNDISCLOSED_RECIPIENTS', 'BULK_NO_MESSAGE_ID', 'BULK_SPAM_PHRASES'],
    ],
    [
      'an advertisement label in the subject, hidden from no one',
      { subject: 'ADV: YOUR BRAND NEW HOUSE', to: [] },
      [
        'AUTO_BULK_SCORE',
        'BULK_ADVERTISEMENT_SUBJECT',
        'BULK_UNDISCLOSED_RECIPIENTS',
        'BULK_SUBJECT_SHOUTING',
      ],
    ],
    [
      'header-less spam of the 2000s: a borrowed X-Mailer, a forged Received line, a Date years off',
      {
        messageId: '200606071826.k57IQHQV028784@mx.studio.example',
        date: '2004-01-02T15:13:19.000Z',
        headers: headers({
          'x-mailer': 'Microsoft Outlook Express 6.00.2800.1506',
          received: 'from 196.170.26.200 by 200.83.104.67; Wed, 7 Jun 2006 11:26:18 -0700',
        }),
      },
      [
        'AUTO_BULK_SCORE',
        'SPAM_FORGED_MAILER',
        'SPAM_FORGED_RECEIVED',
        'SPAM_DATE_FAR_FROM_ARRIVAL',
      ],
    ],
    [
      'spam with a broken transfer encoding and a generated sender',
      {
        from: { address: 'baocqccyw@hq.lindsay.example', name: 'shavonda Cabral' },
        parts: [{ ...makeFacts().parts[0]!, transferEncoding: 'plain' }],
        subject: 'Get in on it, 79$ only',
      },
      [
        'AUTO_BULK_SCORE',
        'SPAM_BAD_TRANSFER_ENCODING',
        'SPAM_SUBJECT_MONEY',
        'SPAM_GENERATED_SENDER',
      ],
    ],
    [
      'a Reply-To at another organisation under the same public suffix (co.uk)',
      {
        from: { address: 'olivia@acme.co.uk', name: 'Olivia' },
        headers: headers({ 'reply-to': 'claims@payout.co.uk' }),
        to: [],
        messageId: null,
      },
      [
        'AUTO_BULK_SCORE',
        'BULK_UNDISCLOSED_RECIPIENTS',
        'BULK_NO_MESSAGE_ID',
        'BULK_REPLY_TO_ELSEWHERE',
      ],
    ],
    [
      'near miss: a Reply-To at the sender’s own organisation (co.uk)',
      {
        from: { address: 'olivia@acme.co.uk', name: 'Olivia' },
        headers: headers({ 'reply-to': 'team@support.acme.co.uk' }),
        to: [],
        messageId: null,
      },
      [],
    ],
    [
      'near miss: a person asking to unsubscribe',
      { freshText: 'Hi Dana, could you unsubscribe me from the Bloom newsletter? Thanks, Olivia' },
      [],
    ],
    [
      'near miss: a person forwarding a newsletter (its footer is quoted)',
      {
        subject: 'Fwd: The Weekly Brief #212',
        text: 'Worth a read\n\n---------- Forwarded message ---------\nYou are receiving this because you subscribed.\nUnsubscribe',
        freshText: 'Worth a read',
      },
      [],
    ],
    [
      'near miss: a team announcement to many with a Reply-To elsewhere',
      {
        to: Array.from({ length: 12 }, (_, index) => ({
          address: `p${index}@acme.example`,
          name: '',
        })),
        headers: headers({ 'reply-to': 'events@partner.example' }),
        subject: 'Congratulations to the winner of the Q3 award',
      },
      [],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});
