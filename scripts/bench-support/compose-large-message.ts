/**
 * A client message with one large base64 attachment: the text part comes first, so the
 * daemon's 256 KiB partial FETCH holds everything it needs and none of the attachment.
 */
import { randomBytes } from 'node:crypto';

export function composeLargeMessage(
  from: string,
  base64Bytes: number,
): { raw: string; messageId: string } {
  const messageId = `${randomBytes(8).toString('hex')}@bench.example`;
  const boundary = `bench-${randomBytes(6).toString('hex')}`;
  const encoded = randomBytes(Math.ceil((base64Bytes * 3) / 4))
    .toString('base64')
    .slice(0, base64Bytes - (base64Bytes % 4));
  const lines: string[] = [];
  for (let start = 0; start < encoded.length; start += 76) {
    lines.push(encoded.slice(start, start + 76));
  }
  const raw = [
    `From: ${from}`,
    'To: Dana Reyes <dana@studio.example>',
    'Subject: The full archive',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello Dana,\r\nThe archive is attached; could you check it tomorrow?\r\nThanks',
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="archive.bin"',
    'Content-Disposition: attachment; filename="archive.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    lines.join('\r\n'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { raw, messageId };
}
