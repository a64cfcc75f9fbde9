/**
 * Starts an in-process SMTP server on 127.0.0.1 (port 0) that accepts every message and
 * keeps it for assertions. No STARTTLS (smtp-server's bundled certificate has expired) and
 * no AUTH: connect with `{ host, port, secure: false, ignoreTLS: true }`.
 * `failNext` makes the next DATA commands answer with a 4xx/5xx code instead.
 * With `xoauth2`, AUTH XOAUTH2 is required and each access token is checked with it; a
 * refused one gets the error challenge Gmail sends (nodemailer then asks for a new token).
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { listenOnFreePort } from './listen-on-free-port.js';

const host = '127.0.0.1';
const defaultWaitMs = 5_000;
// Clients a test forgot to close get cut off after this, instead of smtp-server's 30 s.
const closeTimeoutMs = 500;

export interface ReceivedMail {
  /** `from` is '' for the null sender `<>`. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
  /** Lower-cased header name -> every value of that header, unfolded, in message order. */
  headers: Record<string, string[]>;
  /** Decoded subject, '' when absent. */
  subject: string;
  /** Decoded plain-text body, '' when absent. */
  text: string;
}

export interface SmtpSink {
  host: typeof host;
  port: number;
  /** Every accepted message, oldest first. */
  messages: ReceivedMail[];
  /** The first message, received already or later, that matches; rejects after the timeout. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Answers the next `count` DATA commands with `code` (4xx or 5xx) instead of accepting. */
  failNext(code: number, message?: string, count?: number): void;
  stop(): Promise<void>;
}

interface PlannedFailure {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  /** Requires AUTH XOAUTH2 and accepts a token when this says it is good for the user. */
  readonly xoauth2?: (user: string, accessToken: string) => boolean;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const received = new EventEmitter();
  const failures: PlannedFailure[] = [];

  const onData = (
    stream: Readable,
    session: SMTPServerSession,
    callback: (error?: SMTPServerError | null) => void,
  ): void => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => {
      const failure = failures.shift();
      if (failure !== undefined) {
        callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
        return;
      }
      const raw = Buffer.concat(chunks);
      toReceivedMail(raw, session).then(
        (mail) => {
          messages.push(mail);
          received.emit('mail', mail);
          callback();
        },
        (error: unknown) => {
          callback(
            Object.assign(new Error(`sink could not parse the message: ${String(error)}`), {
              responseCode: 451,
            }),
          );
        },
      );
    });
  };

  const { xoauth2 } = options;
  const server = new SMTPServer({
    secure: false,
    logger: false,
    closeTimeout: closeTimeoutMs,
    onData,
    ...(xoauth2 === undefined
      ? { authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'] }
      : {
          authMethods: ['XOAUTH2'],
          allowInsecureAuth: true,
          disabledCommands: ['STARTTLS'],
          onAuth(auth, _session, callback) {
            const accessToken = auth.accessToken ?? '';
            if (auth.method === 'XOAUTH2' && xoauth2(auth.username ?? '', accessToken)) {
              callback(null, { user: auth.username });
            } else {
              callback(null, {
                data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' },
              });
            }
          },
        }),
  });
  // A client that goes away mid-session (a daemon stopped or killed) resets its connection;
  // smtp-server emits that as 'error', which unheard would end the process.
  server.on('error', () => undefined);
  const port = await listenOnFreePort(server.server, host);

  return {
    host,
    port,
    messages,
    waitFor(predicate, timeoutMs = defaultWaitMs) {
      const found = messages.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolveMail, reject) => {
        const onMail = (mail: ReceivedMail): void => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          received.off('mail', onMail);
          resolveMail(mail);
        };
        const timer = setTimeout(() => {
          received.off('mail', onMail);
          reject(new Error(describeTimeout(timeoutMs, messages)));
        }, timeoutMs);
        received.on('mail', onMail);
      });
    },
    failNext(code, message = `Planned failure ${code}`, count = 1) {
      if (code < 400 || code > 599)
        throw new Error(`failNext needs a 4xx or 5xx code, got ${code}`);
      for (let i = 0; i < count; i += 1) failures.push({ code, message });
    },
    stop() {
      return new Promise((resolveClosed) => server.close(() => resolveClosed()));
    },
  };
}

async function toReceivedMail(raw: Buffer, session: SMTPServerSession): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true });
  const headers: Record<string, string[]> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    (headers[key] ??= []).push(value);
  }
  const { mailFrom, rcptTo } = session.envelope;
  return {
    envelope: {
      from: mailFrom === false ? '' : mailFrom.address,
      to: rcptTo.map((recipient) => recipient.address),
    },
    raw,
    headers,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
  };
}

function describeTimeout(timeoutMs: number, messages: readonly ReceivedMail[]): string {
  const seen = messages.map(
    (mail, index) =>
      `  ${index + 1}. from <${mail.envelope.from}> to ${mail.envelope.to.join(', ')}: ` +
      JSON.stringify(mail.subject),
  );
  return (
    `no matching message within ${timeoutMs} ms; received ${messages.length}` +
    (seen.length > 0 ? `:\n${seen.join('\n')}` : '')
  );
}
