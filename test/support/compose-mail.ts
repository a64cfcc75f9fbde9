import { randomBytes } from 'node:crypto';

export interface MailSpec {
  from: string;
  to?: string;
  subject?: string;
  body?: string;
  messageId?: string;
  headers?: Record<string, string>;
  date?: Date;
}

/**
 * Builds a small RFC 5322 message for tests, with a unique Message-ID unless one is given, and
 * the Return-Path a delivery agent would record (the From address) unless `headers` sets one.
 */
export function composeMail(spec: MailSpec): { raw: string; messageId: string } {
  const messageId = spec.messageId ?? `${randomBytes(8).toString('hex')}@test.example`;
  const hasReturnPath = Object.keys(spec.headers ?? {}).some(
    (name) => name.toLowerCase() === 'return-path',
  );
  const envelopeSender = /<([^>]*)>/.exec(spec.from)?.[1] ?? spec.from;
  const lines = [
    ...(hasReturnPath ? [] : [`Return-Path: <${envelopeSender}>`]),
    `From: ${spec.from}`,
    `To: ${spec.to ?? 'Dana Reyes <dana@studio.example>'}`,
    `Subject: ${spec.subject ?? 'A question'}`,
    `Date: ${(spec.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...Object.entries(spec.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    '',
    spec.body ?? 'Hello Dana,\r\nCould you have a look at this when you can?\r\nThanks',
    '',
  ];
  return { raw: lines.join('\r\n'), messageId };
}
