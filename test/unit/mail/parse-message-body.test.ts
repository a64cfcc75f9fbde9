import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mail/parse-message.js';

const crlf = (lines: string[]) => lines.join('\r\n');

const head = ['From: Olivia Park <olivia.park@acme.example>', 'To: dana@studio.example'];

function htmlMessage(html: string): string {
  return crlf([...head, 'Subject: html', 'Content-Type: text/html; charset=utf-8', '', html, '']);
}

describe('parseMessage line endings', () => {
  it.each([
    ['bare CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR CR LF', '\r\r\n'],
  ])('reads %s line endings as separate header lines', async (_name, eol) => {
    const source = [...head, 'Subject: line endings', '', 'Hello Dana', 'Olivia', ''].join(eol);
    const { facts } = await parseMessage(source);
    expect(facts.from?.address).toBe('olivia.park@acme.example');
    expect(facts.to.map((to) => to.address)).toEqual(['dana@studio.example']);
    expect(facts.subject).toBe('line endings');
    expect(facts.text.trim().split(/\r?\n/)).toEqual(['Hello Dana', 'Olivia']);
  });

  it('reads mixed line endings', async () => {
    const source =
      'From: olivia.park@acme.example\rTo: dana@studio.example\nSubject: mixed\r\n\rbody\n';
    const { facts } = await parseMessage(source);
    expect([facts.from?.address, facts.subject, facts.text.trim()]).toEqual([
      'olivia.park@acme.example',
      'mixed',
      'body',
    ]);
  });
});

describe('parseMessage freshText', () => {
  it.each([
    [
      'Gmail "On ... wrote:" and > lines',
      [
        'Ok, thanks',
        '',
        'On Tue, 3 Mar 2026 at 22:14, Dana <dana@studio.example> wrote:',
        '> reply with URGENT',
      ],
      'Ok, thanks',
    ],
    [
      'an attribution wrapped over two lines',
      [
        'Ok, thanks',
        '',
        'On Tue, 3 Mar 2026 at 22:14, Dana Whitfield',
        '<dana@studio.example> wrote:',
        'reply with URGENT',
      ],
      'Ok, thanks',
    ],
    [
      "Outlook's From:/Sent: block without >",
      [
        'Ok, thanks',
        '',
        '________________________________',
        'From: Dana <dana@studio.example>',
        'Sent: Tuesday, March 3, 2026 10:14 PM',
        'To: Olivia',
        'Subject: Auto: out of office',
        '',
        'reply with URGENT',
      ],
      'Ok, thanks',
    ],
    [
      'a German Outlook block',
      [
        'Danke',
        '',
        'Von: Dana <dana@studio.example>',
        'Gesendet: Dienstag, 3. März 2026 22:14',
        'An: Olivia',
        'Betreff: Abwesend',
        '',
        'URGENT',
      ],
      'Danke',
    ],
    [
      'a French attribution',
      [
        'Merci',
        '',
        'Le mar. 3 mars 2026 à 22:14, Dana <dana@studio.example> a écrit :',
        '> URGENT',
      ],
      'Merci',
    ],
    [
      'a forwarded message',
      [
        'See below',
        '',
        '---------- Forwarded message ---------',
        'From: Bank <alerts@bank.example>',
        'URGENT: verify',
      ],
      'See below',
    ],
    ['Original Message separator', ['Fine', '-----Original Message-----', 'URGENT'], 'Fine'],
    [
      'a person quoting inline keeps both of their paragraphs',
      ['First point', '> quoted', 'Second point is urgent'],
      'First point\nSecond point is urgent',
    ],
    [
      '"From:" in prose stays',
      ['From: my side, this is urgent', 'Thanks'],
      'From: my side, this is urgent\nThanks',
    ],
  ])('drops %s', async (_name, body, fresh) => {
    const { facts } = await parseMessage(crlf([...head, 'Subject: Re: x', '', ...body, '']));
    expect(facts.freshText).toBe(fresh);
    expect(facts.text).toContain(body[body.length - 1]);
  });

  it.each([
    [
      'a blockquote',
      '<p>Ok, thanks</p><blockquote type="cite">reply with URGENT</blockquote>',
      'Ok, thanks',
    ],
    [
      'a Gmail quote with its attribution',
      '<div>Ok, thanks</div><div class="gmail_quote"><div class="gmail_attr">On Tue, Dana wrote:</div><blockquote class="gmail_quote">URGENT</blockquote></div>',
      'Ok, thanks',
    ],
    [
      "Outlook's divRplyFwdMsg and all after it",
      '<div>Ok, thanks</div><hr><div id="divRplyFwdMsg"><b>From:</b> Dana</div><div>reply with URGENT</div>',
      'Ok, thanks',
    ],
    [
      'text after an inline quote',
      '<p>Ok</p><blockquote>old URGENT</blockquote><p>and one more thing</p>',
      'Ok\n\nand one more thing',
    ],
  ])('drops %s from HTML', async (_name, html, fresh) => {
    const { facts } = await parseMessage(htmlMessage(`<html><body>${html}</body></html>`));
    expect(facts.freshText).toBe(fresh);
    expect(facts.text).toContain('URGENT');
  });

  it.each([
    ['display:none', '<span style="display: none !important">URGENT</span>'],
    ['visibility:hidden', '<div style="VISIBILITY:hidden">URGENT</div>'],
    ['the hidden attribute', '<p hidden>URGENT</p>'],
    ['zero font size', '<span style="font-size:0px">URGENT</span>'],
    ['a collapsed preheader', '<div style="max-height:0;overflow:hidden">URGENT</div>'],
    ['a style element', '<style>.URGENT{}</style>'],
  ])('leaves out text hidden with %s', async (_name, hidden) => {
    const { facts } = await parseMessage(
      htmlMessage(`<html><body><p>Ok, thanks</p>${hidden}</body></html>`),
    );
    expect(facts.text).toBe('Ok, thanks');
    expect(facts.freshText).toBe('Ok, thanks');
  });

  it('keeps text in a small but visible font', async () => {
    const { facts } = await parseMessage(
      htmlMessage('<p style="font-size:0.8em">Please call, it is urgent</p>'),
    );
    expect(facts.text).toBe('Please call, it is urgent');
  });
});

describe('parseMessage structure', () => {
  it('lists every part, nested ones too, and reads calendar methods', async () => {
    const ics = Buffer.from('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n').toString(
      'base64',
    );
    const source = crlf([
      ...head,
      'Subject: Accepted: call',
      'Content-Type: multipart/mixed; boundary="Outer-Q"',
      '',
      'preamble',
      '--Outer-Q',
      'Content-Type: multipart/report; report-type=delivery-status;',
      ' boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain',
      '',
      'not delivered',
      '--inner',
      'Content-Type: message/delivery-status',
      '',
      'Action: failed',
      '--inner--',
      '--Outer-Q',
      'Content-Type: text/calendar; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      ics,
      '--Outer-Q',
      'Content-Type: message/rfc822',
      '',
      'Content-Type: text/calendar; method=REQUEST',
      '',
      'METHOD:REQUEST',
      '--Outer-Q--',
      '',
    ]);
    const { facts } = await parseMessage(source);
    expect(facts.parts.map((part) => [part.contentType, part.depth])).toEqual([
      ['multipart/mixed', 0],
      ['multipart/report', 1],
      ['text/plain', 2],
      ['message/delivery-status', 2],
      ['text/calendar', 1],
      ['message/rfc822', 1],
    ]);
    expect(facts.parts[1]?.params['report-type']).toBe('delivery-status');
    expect(facts.calendarMethods).toEqual(['REPLY']);
    expect(facts.contentType).toBe('multipart/mixed');
  });

  it('reads the method parameter of a calendar part', async () => {
    const source = crlf([
      ...head,
      'Subject: Invitation',
      'Content-Type: text/calendar; method=CANCEL; charset=utf-8',
      '',
      'BEGIN:VCALENDAR',
      'END:VCALENDAR',
      '',
    ]);
    const { facts } = await parseMessage(source);
    expect(facts.calendarMethods).toEqual(['CANCEL']);
  });

  it('has one part and no HTML for a plain message', async () => {
    const { facts } = await parseMessage(crlf([...head, 'Subject: plain', '', 'Hi', '']));
    expect(facts.parts).toEqual([
      { contentType: 'text/plain', params: {}, depth: 0, malformed: false, transferEncoding: null },
    ]);
    expect(facts.html).toBeNull();
    expect(facts.calendarMethods).toEqual([]);
  });
});

describe('parseMessage HTML facts', () => {
  it('records links, images, tables and hidden text', async () => {
    const { facts } = await parseMessage(
      htmlMessage(
        [
          '<html><body>',
          '<div style="display:none">Your weekly digest is here</div>',
          '<table><tr><td><a href=" https://news.example/view?id=1 ">View in <b>browser</b></a></td></tr></table>',
          '<p>Big sale</p>',
          '<img src="https://t.example/o.gif" width="1" height="1" alt="">',
          '<img src="https://t.example/p.gif" style="width:0px;height:0px">',
          '<a href="mailto:unsubscribe@news.example">Unsubscribe</a>',
          '<a>no href</a>',
          '</body></html>',
        ].join(''),
      ),
    );
    expect(facts.html).toEqual({
      links: [
        { href: 'https://news.example/view?id=1', text: 'View in browser' },
        { href: 'mailto:unsubscribe@news.example', text: 'Unsubscribe' },
      ],
      images: [
        { src: 'https://t.example/o.gif', width: 1, height: 1, hidden: false },
        { src: 'https://t.example/p.gif', width: 0, height: 0, hidden: false },
      ],
      linkCount: 2,
      imageCount: 2,
      tableCount: 1,
      hiddenTextChars: 'Your weekly digest is here'.length,
      visibleTextChars: facts.text.length,
    });
    expect(facts.text).not.toContain('digest');
  });

  it('reads the HTML of a message that also has plain text', async () => {
    const source = crlf([
      ...head,
      'Subject: both',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Plain words',
      '--b',
      'Content-Type: text/html',
      '',
      '<p>HTML words <a href="https://x.example/u">unsubscribe</a></p>',
      '--b--',
      '',
    ]);
    const { facts } = await parseMessage(source);
    expect(facts.text.trim()).toBe('Plain words');
    expect(facts.html?.links).toEqual([{ href: 'https://x.example/u', text: 'unsubscribe' }]);
  });
});

describe('parseMessage facts for the spam-tool signals', () => {
  const alternative = (plain: string) =>
    crlf([
      ...head,
      'Subject: alt',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Transfer-Encoding: quoted printable',
      '',
      plain,
      '--b',
      'Content-Type: text/html; charset=us-ascii',
      '',
      '<p>Cheap soft at low prices</p>',
      '--b--',
      '',
    ]);

  it('marks a blank plain-text part beside an HTML part that says something', async () => {
    const { facts } = await parseMessage(alternative('   '));
    expect(facts.blankTextAlternative).toBe(true);
  });

  it('leaves a plain-text part that says the same as the HTML alone', async () => {
    const { facts } = await parseMessage(alternative('Cheap soft at low prices'));
    expect(facts.blankTextAlternative).toBe(false);
  });

  it('keeps each part’s transfer encoding as written', async () => {
    const { facts } = await parseMessage(alternative('x'));
    expect(facts.parts.map((part) => part.transferEncoding)).toEqual([
      null,
      'quoted printable',
      null,
    ]);
  });

  it('counts header lines that are not "Name: value"', async () => {
    const { facts } = await parseMessage(
      crlf([...head, 'quite Delivered-To: x@acme.example', 'Subject: s', '', 'Hi', '']),
    );
    expect(facts.malformedHeaderLines).toBe(1);
    expect(facts.subject).toBe('s');
  });
});
