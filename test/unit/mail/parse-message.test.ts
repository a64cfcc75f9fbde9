import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { readMailFixture } from './read-mail-fixture.js';

const fixtureNames = readdirSync(new URL('../../fixtures/mail/', import.meta.url)).filter((name) =>
  name.endsWith('.eml'),
);

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parseMessage on every fixture', () => {
  it('finds the fixtures', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtureNames)('%s parses without warnings', async (name) => {
    const { facts, warnings } = await parseMessage(readMailFixture(name));
    expect(warnings).toEqual([]);
    expect(facts.contentType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
  });
});

describe('parseMessage facts', () => {
  it('reads a full human message', async () => {
    const { facts } = await parseMessage(readMailFixture('human-out-of-hours-request.eml'));
    expect(facts).toMatchObject({
      messageId: '8F2A1C40-5D7E-4B2B-9E61-3C0D7A1F2B10@acme.example',
      from: { address: 'olivia.park@acme.example', name: 'Olivia Park' },
      returnPath: 'olivia.park@acme.example',
      to: [
        { address: 'dana+acme@studio.example', name: 'Dana Whitfield' },
        { address: 'marketing@acme.example', name: 'Marketing Team' },
      ],
      cc: [{ address: 'sam@studio.example', name: 'Sam Okafor' }],
      bcc: [],
      resentTo: [],
      subject: 'Q3 budget review – can you send the deck?',
      text: 'Hi Dana,\n\nCould you send me the Q3 budget deck before Thursday’s board meeting? No rush tonight.\n\nThanks,\nOlivia',
      contentType: 'multipart/alternative',
      contentTypeParams: { boundary: 'apple-mail=_5b1e2c7a-0f1d-4e08-9a55' },
      references: ['a1b2c3@acme.example', 'CAB7f9Kp2x@mail.studio.example'],
      date: '2026-03-03T21:14:05.000Z',
    });
    expect(facts.headers['received']).toEqual([
      'from mail.acme.example (mail.acme.example [198.51.100.20])\tby mx1.studio.example with ESMTPS id 4Q8x2kLmZ1\tfor <dana+acme@studio.example>; Tue, 3 Mar 2026 22:14:07 +0100',
      'from [10.0.4.17] (unknown [10.0.4.17])\tby mail.acme.example with ESMTPSA id 9f3c;\tTue, 3 Mar 2026 22:14:05 +0100',
    ]);
    expect(facts.headers['subject']).toEqual(['Q3 budget review – can you send the deck?']);
    expect(facts.headers['x-mailer']).toEqual(['Apple Mail (2.3774.500.171.1.1)']);
  });

  it('reads a DSN bounce', async () => {
    const { facts } = await parseMessage(readMailFixture('dsn-bounce-multipart-report.eml'));
    expect(facts).toMatchObject({
      returnPath: '',
      from: { address: 'mailer-daemon@mx1.studio.example', name: 'Mail Delivery System' },
      contentType: 'multipart/report',
      contentTypeParams: { 'report-type': 'delivery-status' },
      messageId: '20260303212001.0A1B2C3D@mx1.studio.example',
    });
    expect(facts.text).toContain('550 5.1.1 User unknown');
  });

  it.each([
    ['exchange-oof.eml', 'Automatic reply: Q3 budget review', 'contact Joël in finance'],
    ['subject-abwesenheitsnotiz.eml', 'Abwesenheitsnotiz: Re: Angebot für März', 'nicht im Büro'],
    ['unknown-charset.eml', ' order for Friday', 'au lait for the team'],
    ['pdf-attachment.eml', 'Signed contract', 'Signed contract attached. Please file it.'],
    ['broken-mime-unterminated-boundary.eml', 'Floor plan for the new office', 'print two copies'],
    ['mbox-from-line.eml', 'Exported from my archive', 'saved in mbox format'],
    ['html-only-message.eml', 'New window display', 'Tulips & roses in the window\nfrom Tuesday.'],
  ])('%s: subject and text are decoded', async (name, subject, textPart) => {
    const { facts } = await parseMessage(readMailFixture(name));
    expect(facts.subject.endsWith(subject)).toBe(true);
    expect(facts.text).toContain(textPart);
  });

  it.each([
    ['pdf-attachment.eml', 'JVBERi0'],
    ['broken-mime-unterminated-boundary.eml', 'iVBORw0'],
    ['html-only-message.eml', '<'],
    ['html-only-message.eml', 'track()'],
    ['html-only-message.eml', 'color: green'],
  ])('%s: text leaves out %j', async (name, absent) => {
    const { facts } = await parseMessage(readMailFixture(name));
    expect(facts.text).not.toContain(absent);
  });

  it('reads a message without From, Date, Message-ID or Return-Path', async () => {
    const { facts } = await parseMessage(readMailFixture('missing-from-date-message-id.eml'));
    expect(facts).toMatchObject({
      from: null,
      date: null,
      messageId: null,
      returnPath: null,
      references: [],
    });
  });

  it('drops the mbox From line instead of reading it as a header', async () => {
    const { facts } = await parseMessage(readMailFixture('mbox-from-line.eml'));
    expect(facts.from).toEqual({ address: 'olivia.park@acme.example', name: 'Olivia Park' });
    expect(facts.headers['from']).toEqual(['Olivia Park <olivia.park@acme.example>']);
  });

  it('gives the same facts for LF and CRLF line endings', async () => {
    const lf = readMailFixture('urgent-request.eml').toString('utf8');
    const [a, b] = await Promise.all([parseMessage(lf), parseMessage(lf.replace(/\n/g, '\r\n'))]);
    expect({ ...b.facts, text: b.facts.text.replace(/\r\n/g, '\n') }).toEqual(a.facts);
  });
});

describe('parseMessage header details', () => {
  it.each([
    ['<>', ''],
    ['< >', ''],
    ['<> (null sender)', ''],
    ['', ''],
    ['MAILER-DAEMON', 'mailer-daemon'],
    ['<Bounce+x@Mail.Bloom.example>', 'bounce+x@mail.bloom.example'],
    ['olivia@acme.example', 'olivia@acme.example'],
  ])('Return-Path %j -> %j', async (value, expected) => {
    const { facts } = await parseMessage(`Return-Path: ${value}\nFrom: a@b.example\n\nhi`);
    expect(facts.returnPath).toBe(expected);
  });

  it('keeps every instance of a header, in order, under a lower-cased name', async () => {
    const { facts } = await parseMessage(
      crlf(['Auto-Submitted: no', 'AUTO-SUBMITTED: auto-replied', 'Subject: x', '', 'body']),
    );
    expect(facts.headers['auto-submitted']).toEqual(['no', 'auto-replied']);
  });

  it('decodes RFC 2047 words in header values', async () => {
    const { facts } = await parseMessage(
      crlf([
        'Subject: =?utf-8?B?w5xiZXJzdHVuZGVu?= heute',
        'X-Note: =?iso-8859-1?Q?caf=E9?=',
        '',
        '',
      ]),
    );
    expect([facts.subject, facts.headers['x-note']]).toEqual(['Überstunden heute', ['café']]);
  });

  it('does not take an encoded display name for an address', async () => {
    const { facts } = await parseMessage(
      'From: =?utf-8?Q?ceo=40acme.example?= <mallory@evil.example>\n\nhi',
    );
    expect(facts.from).toEqual({ address: 'mallory@evil.example', name: 'ceo@acme.example' });
  });

  it('reads Resent-* and group recipients, every instance', async () => {
    const { facts } = await parseMessage(
      crlf([
        'To: undisclosed-recipients:;',
        'Resent-To: Team: Dana <DANA@studio.example>, sam@studio.example;',
        'Resent-Cc: priya@studio.example',
        'Resent-Cc: jo@acme.example',
        'Resent-Bcc: x@acme.example',
        '',
        '',
      ]),
    );
    expect(facts).toMatchObject({
      to: [],
      resentTo: [
        { address: 'dana@studio.example', name: 'Dana' },
        { address: 'sam@studio.example', name: '' },
      ],
      resentCc: [
        { address: 'priya@studio.example', name: '' },
        { address: 'jo@acme.example', name: '' },
      ],
      resentBcc: [{ address: 'x@acme.example', name: '' }],
    });
  });

  it('reads References without angle brackets too', async () => {
    const { facts } = await parseMessage('References: a@x.example b@x.example\n\n');
    expect(facts.references).toEqual(['a@x.example', 'b@x.example']);
  });

  it('reports an unreadable Date as null with a warning', async () => {
    const { facts, warnings } = await parseMessage('Date: someday soon\n\nhi');
    expect([facts.date, warnings]).toEqual([
      null,
      ['The Date header "someday soon" is not a date.'],
    ]);
  });

  it('keeps a header named __proto__ as an ordinary header', async () => {
    const { facts } = await parseMessage('__proto__: x\nConstructor: y\n\nhi');
    expect([facts.headers['__proto__'], facts.headers['constructor']]).toEqual([['x'], ['y']]);
  });

  it('defaults the content type to text/plain', async () => {
    const { facts } = await parseMessage('Subject: x\n\nhi');
    expect([facts.contentType, facts.contentTypeParams]).toEqual(['text/plain', {}]);
  });
});

describe('parseMessage on hostile or broken input', () => {
  it.each([
    ['an empty string', ''],
    ['an empty buffer', Buffer.alloc(0)],
  ])('%s', async (_name, source) => {
    const { facts, warnings } = await parseMessage(source);
    expect(warnings).toEqual(['The message is empty.']);
    expect(facts).toMatchObject({
      from: null,
      subject: '',
      text: '',
      headers: {},
      contentType: 'text/plain',
    });
  });

  it('caps a 1 MB Subject and still reads the headers after it', async () => {
    const source = crlf([
      `Subject: ${'x'.repeat(1024 * 1024)}`,
      'Auto-Submitted: auto-generated',
      '',
      'body',
    ]);
    const { facts, warnings } = await parseMessage(source);
    expect(facts.subject).toHaveLength(16 * 1024);
    expect(facts.headers['auto-submitted']).toEqual(['auto-generated']);
    expect(warnings).toEqual(['Cut 1 header value(s) to 16384 characters.']);
  });

  it('caps a header folded over 100,000 lines', async () => {
    const { facts, warnings } = await parseMessage(
      `Subject: a\r\n${' b\r\n'.repeat(100_000)}\r\nbody`,
    );
    expect(facts.subject.length).toBeLessThanOrEqual(16 * 1024);
    expect(warnings).toEqual(['Cut 1 header value(s) to 16384 characters.']);
  });

  it('keeps the first 1,000 of 10,000 header fields', async () => {
    const source = `From: a@b.example\r\n${'X-Junk: y\r\n'.repeat(10_000)}Subject: late\r\n\r\nbody`;
    const { facts, warnings } = await parseMessage(source);
    expect(facts.headers['x-junk']).toHaveLength(999);
    expect(facts.subject).toBe('');
    expect(facts.text).toBe('body');
    expect(warnings).toEqual(['Kept the first 1000 header fields; skipped 9002 more.']);
  });

  it('survives binary junk', async () => {
    const junk = Buffer.from(Array.from({ length: 200_000 }, (_, index) => (index * 7919) % 256));
    const { facts, warnings } = await parseMessage(junk);
    expect(facts.text.length).toBeLessThanOrEqual(64 * 1024);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('falls back to the raw body when the MIME structure defeats the parser', async () => {
    const parts = Array.from(
      { length: 1200 },
      (_, index) => `--a\nContent-Type: text/plain\n\npart ${index}\n`,
    );
    const source = `Content-Type: multipart/mixed; boundary=a\n\n${parts.join('')}--a--\n`;
    const { facts, warnings } = await parseMessage(source);
    expect(facts.text).toContain('part 0');
    expect(warnings).toEqual([
      'The MIME body could not be parsed (Max allowed child nodes exceeded); using the raw body.',
    ]);
  });

  it('reads a message that is all header', async () => {
    const { facts, warnings } = await parseMessage('From: x@y.example\nSubject: hi');
    expect([facts.from?.address, facts.subject, facts.text, warnings]).toEqual([
      'x@y.example',
      'hi',
      '',
      [],
    ]);
  });

  it('reads a message that is all body', async () => {
    const { facts } = await parseMessage('\r\nhello there');
    expect([facts.headers, facts.text]).toEqual([{}, 'hello there']);
  });
});

describe('parseMessage text limit', () => {
  it.each([
    [10, 'a'.repeat(100), 'a'.repeat(10)],
    [100, 'short', 'short'],
    [3, '😀😀😀', '😀'],
  ])('maxTextChars %i', async (maxTextChars, body, expected) => {
    const { facts } = await parseMessage(`Content-Type: text/plain; charset=utf-8\n\n${body}`, {
      maxTextChars,
    });
    expect(facts.text).toBe(expected);
  });
});
