import { randomBytes } from 'node:crypto';

export interface DemoMail {
  /** What the demo says this message is, e.g. "an URGENT request". */
  readonly label: string;
  readonly raw: string;
}

interface Spec {
  readonly label: string;
  readonly from: string;
  readonly subject: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/**
 * A realistic morning of client mail for the VA Dana Reyes: requests in and out of each
 * client's hours, an emergency, a newsletter, a bounce, another responder's out-of-office,
 * a repeat sender and a stranger. Written for this project; every address is fictional.
 */
export function composeDemoMorningMail(at: Date): DemoMail[] {
  const specs: Spec[] = [
    {
      label: 'in-hours request',
      from: 'Maya Lin <maya@northwind.example>',
      subject: 'Deck for Thursday',
      body: 'Morning Dana, could you send me the latest deck before lunch? Thanks, Maya',
    },
    {
      label: 'out-of-hours request',
      from: 'Robert Acme <ceo@acme.example>',
      subject: 'October invoice',
      body: 'Dana, the October invoice looks off by one line. Can you check it today?',
    },
    {
      label: 'an URGENT one',
      from: 'Robert Acme <ceo@acme.example>',
      subject: 'URGENT: site down',
      body: 'The online shop shows an error page for every customer. Please get someone on it.',
    },
    {
      label: 'repeat sender',
      from: 'Robert Acme <ceo@acme.example>',
      subject: 'Also: the contract',
      body: 'And while you are at it, did the signed contract come back?',
    },
    {
      label: 'newsletter',
      from: 'Bloom Florists News <news@bloom.example>',
      subject: 'This week at Bloom: winter bouquets',
      body: 'Our winter range is here. Unsubscribe at any time.',
      headers: {
        'List-Id': '<weekly.bloom.example>',
        'List-Unsubscribe': '<mailto:unsubscribe@bloom.example>',
        Precedence: 'bulk',
      },
    },
    {
      label: 'bounce',
      from: 'Mail Delivery System <MAILER-DAEMON@mx.acme.example>',
      subject: 'Undelivered Mail Returned to Sender',
      body: 'This is the mail system at host mx.acme.example. Your message could not be delivered.',
      headers: { 'Return-Path': '<>', 'Auto-Submitted': 'auto-replied' },
      contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
    },
    {
      label: "another responder's out-of-office",
      from: 'Lee Tan <lee@bloom.example>',
      subject: 'Automatic reply: Order for Friday',
      body: 'I am out of the office until Monday and will reply when I am back.',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    },
    {
      label: 'day-off request',
      from: 'Harriet Hartley <harriet@hartley.example>',
      subject: 'Quick question about Thursday',
      body: 'Hi Dana, are we still on for the supplier call on Thursday?',
    },
    {
      label: 'unknown sender',
      from: 'Pat Pitch <pat@growth-hacks.example>',
      subject: 'Partnership opportunity',
      body: 'We help assistants like you 10x their reach. Fancy a call?',
    },
  ];
  return specs.map((spec) => ({ label: spec.label, raw: composeRaw(spec, at) }));
}

function composeRaw(spec: Spec, at: Date): string {
  const messageId = `${randomBytes(8).toString('hex')}@demo.offhours.example`;
  const isReport = spec.contentType?.startsWith('multipart/report') === true;
  // The delivery agent records the envelope sender as Return-Path; APPEND does not, so the
  // demo writes it as delivered mail would carry it.
  const envelopeSender = /<([^>]*)>/.exec(spec.from)?.[1] ?? spec.from;
  const headers = [
    ...(spec.headers?.['Return-Path'] === undefined ? [`Return-Path: <${envelopeSender}>`] : []),
    `From: ${spec.from}`,
    'To: Dana Reyes <dana@studio.example>',
    `Subject: ${spec.subject}`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: ${spec.contentType ?? 'text/plain; charset=utf-8'}`,
    ...Object.entries(spec.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  const body = isReport
    ? [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        spec.body,
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.acme.example',
        '',
        'Final-Recipient: rfc822; old-address@acme.example',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
      ].join('\r\n')
    : spec.body;
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}
