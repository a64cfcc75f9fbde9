import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../../src/mail/convert-html.js';
import { extractFreshText } from '../../../src/mail/extract-fresh-text.js';
import { normalizeLineEndings } from '../../../src/mail/normalize-line-endings.js';
import { parseMessage, parseMessageHeaders } from '../../../src/mail/parse-message.js';
import { readHeaderFields } from '../../../src/mail/read-header-fields.js';
import { readMimeParts } from '../../../src/mail/read-mime-parts.js';
import { detectAutomation } from '../../../src/triage/detect-automation.js';
import { detectSpamVerdict } from '../../../src/triage/detect-spam-verdict.js';
import { isVerpReturnPath } from '../../../src/triage/is-verp-return-path.js';
import { matchAutomatedSubject } from '../../../src/triage/match-automated-subject.js';
import { classifySender } from '../../../src/triage/robot-senders.js';
import { readSpamSignals } from '../../../src/triage/read-spam-signals.js';
import { scoreBulkMail } from '../../../src/triage/score-bulk-mail.js';
import { makeFacts } from '../triage/make-facts.js';

/**
 * Every function that reads message text gets 256 KiB inputs made to trip backtracking
 * regular expressions. A quadratic pass over 256 KiB is some 3·10^10 steps: minutes, far past
 * the test timeout, so finishing at all is the assertion on cost; each case also checks its
 * result. No timing is measured.
 */
const size = 256 * 1024;
const fill = (unit: string, tail = '') =>
  unit.repeat(Math.ceil((size - tail.length) / unit.length)) + tail;

const pathological: readonly [name: string, text: string][] = [
  ['a run of spaces not followed by a line end', fill(' ', '.')],
  ['runs of spaces before line ends', fill(`${' '.repeat(4000)}\n`)],
  ['tabs and spaces mixed', fill(' \t', 'x')],
  ['unclosed tag openers', fill('<')],
  ['unclosed anchors with attributes', fill('<a href="x" ')],
  ['deeply nested tags', fill('<div><span>')],
  ['unterminated comments and brackets', fill('<!--(', '(')],
  ['quote marks', fill('>')],
  ['attribution starts', fill('On Monday, someone\n')],
  ['header-like lines', fill('From: x\nSent: y\n')],
  ['dashes and equals', fill('-=')],
  ['at signs and plus signs', fill('@+=')],
  ['a single word without spaces', fill('a')],
  ['style declarations', fill('max-height:0;')],
  ['digits', fill('1')],
  ['empty lines', fill('\n')],
  ['bare carriage returns', fill('\r')],
];

const html = (text: string) =>
  `<html><body style="${text.slice(0, 64 * 1024)}">${text}</body></html>`;

describe('text handling runs in linear time on 256 KiB pathological input', () => {
  it.each(pathological)('convertHtml: %s', (_name, text) => {
    const converted = convertHtml(html(text));
    expect(converted.text.length).toBeLessThanOrEqual(text.length);
    expect(converted.facts.visibleTextChars).toBe(converted.text.length);
  });

  it.each(pathological)('extractFreshText: %s', (_name, text) => {
    const fresh = extractFreshText(text);
    expect(fresh.length).toBeLessThanOrEqual(text.length);
  });

  it.each(pathological)('normalizeLineEndings: %s', (_name, text) => {
    const normalized = normalizeLineEndings(Buffer.from(text, 'latin1'));
    expect(normalized.includes('\r\r')).toBe(false);
  });

  it.each(pathological)('readHeaderFields and readMimeParts: %s', (_name, text) => {
    const { fields } = readHeaderFields(
      `Content-Type: multipart/mixed; boundary="${text.slice(0, 70)}"\r\nX: ${text}`,
      [],
    );
    const structure = readMimeParts(
      fields,
      Buffer.from(`--${text.slice(0, 70)}\r\n${text}`, 'latin1'),
    );
    expect(structure.parts[0]?.contentType).toBe('multipart/mixed');
  });

  it.each(pathological)(
    'parseMessage with it as every header and the body: %s',
    async (_name, text) => {
      const header = text.replace(/[\r\n]/g, ' ').slice(0, 16 * 1024);
      const source = [
        `From: ${header}`,
        `To: ${header}`,
        `Subject: ${header}`,
        `Return-Path: ${header}`,
        `Message-ID: ${header}`,
        // Sixteen fields joined: References reads 256 KiB in all.
        ...Array.from({ length: 16 }, () => `References: ${header}`),
        `Reply-To: ${header}`,
        `Date: ${header.slice(0, 1000)}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        html(text),
        '',
      ].join('\r\n');
      const parsed = await parseMessage(source);
      expect(parsed.facts.contentType).toBe('text/html');
      expect(parseMessageHeaders(Buffer.from(source)).facts.contentType).toBe('text/html');
    },
  );

  it.each(pathological)('the detectors: %s', (_name, text) => {
    const header = text.slice(0, 16 * 1024);
    const facts = makeFacts({
      subject: header,
      text,
      freshText: text,
      returnPath: `${header}@x.example`,
      messageId: header,
      headers: {
        'reply-to': [header],
        'x-spam-status': [header],
        'x-forefront-antispam-report': [header],
        'x-spamd-result': [header],
        received: [header, `from ${header} by ${header}; ${header}`],
        date: [header],
        'x-mailer': [header],
        from: [header],
      },
      html: {
        links: [{ href: header, text: header }],
        images: [{ src: header, width: 1, height: 1, hidden: false }],
        linkCount: 1,
        imageCount: 1,
        tableCount: 0,
        hiddenTextChars: 0,
        visibleTextChars: text.length,
      },
    });
    expect(Array.isArray(detectAutomation(facts))).toBe(true);
    expect(detectSpamVerdict(facts)).not.toContain('AUTO_SPAM_EXCHANGE');
    expect(typeof isVerpReturnPath(facts)).toBe('boolean');
    expect(scoreBulkMail(facts).score).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(readSpamSignals(facts))).toBe(true);
    expect(matchAutomatedSubject(text)).toBeNull();
    expect(classifySender(`${header}@x.example`)).not.toBe('role');
  });
});
