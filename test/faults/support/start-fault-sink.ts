/**
 * An SMTP sink for the fault suite: accepts mail like src/sandbox/start-smtp-sink.ts, but
 * also keeps every attempt (accepted or refused, with its answer code) and answers by
 * rules the scenario changes while it runs: `451` for everything during an outage, `550`
 * for one recipient. `onAccepted` runs right after a message was answered with 250, so a
 * scenario can crash the daemon in the window between the server's acceptance and the
 * daemon's own bookkeeping.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { listenOnFreePort } from '../../../src/sandbox/listen-on-free-port.js';

const host = '127.0.0.1';

export interface SinkMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  /** Lower-cased header name -> first value, unfolded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly receivedAt: number;
}

export interface SinkAttempt {
  readonly to: readonly string[];
  readonly code: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly at: number;
}

/** Decides the answer to one DATA: a 4xx/5xx code to refuse it, or null to accept it. */
export type SinkRule = (mail: {
  to: readonly string[];
  headers: ReadonlyMap<string, string>;
}) => number | null;

export interface FaultSink {
  readonly host: typeof host;
  readonly port: number;
  readonly accepted: SinkMail[];
  readonly attempts: SinkAttempt[];
  /** Replaces the answering rule; `null` accepts everything again. */
  setRule(rule: SinkRule | null): void;
  onAccepted(listener: ((mail: SinkMail) => void) | null): void;
  /**
   * Runs after a message was taken (it counts as accepted) and before the 250 is sent, as a
   * provider filing its Sent copy does; a scenario can kill the client inside it.
   */
  setGate(next: ((mail: SinkMail) => Promise<void>) | null): void;
  /** Resolves once `predicate` holds over the accepted mail; re-checked after every attempt. */
  waitUntil(
    predicate: (accepted: readonly SinkMail[]) => boolean,
    description: string,
    timeoutMs: number,
  ): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultSink(): Promise<FaultSink> {
  const accepted: SinkMail[] = [];
  const attempts: SinkAttempt[] = [];
  const events = new EventEmitter();
  let rule: SinkRule | null = null;
  let acceptedListener: ((mail: SinkMail) => void) | null = null;
  let gate: ((mail: SinkMail) => Promise<void>) | null = null;

  const onData = (
    stream: Readable,
    session: SMTPServerSession,
    callback: (error?: SMTPServerError | null) => void,
  ): void => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = readHeaders(raw);
      const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
      const code = rule?.({ to, headers }) ?? null;
      attempts.push({ to, code: code ?? 250, headers, at: Date.now() });
      if (code !== null) {
        callback(Object.assign(new Error(`Planned failure ${code}`), { responseCode: code }));
        events.emit('attempt');
        return;
      }
      const mailFrom = session.envelope.mailFrom;
      const mail: SinkMail = {
        from: mailFrom === false ? '' : mailFrom.address,
        to,
        raw,
        headers,
        receivedAt: Date.now(),
      };
      accepted.push(mail);
      const answer = (): void => {
        callback();
        acceptedListener?.(mail);
        events.emit('attempt');
      };
      // The message is the server's now; the gate decides when (if ever) the client hears.
      if (gate === null) answer();
      else
        gate(mail).then(answer, (error: unknown) => {
          console.error('fault sink gate failed:', error);
          answer();
        });
    });
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    size: 64 * 1024 * 1024,
    onData,
  });
  // A daemon killed mid-session resets its connection: that is the scenario, not a fault of
  // the sink (smtp-server emits it as 'error', which unheard would end the test process).
  server.on('error', () => undefined);
  const port = await listenOnFreePort(server.server, host);

  return {
    host,
    port,
    accepted,
    attempts,
    setRule(next) {
      rule = next;
    },
    onAccepted(listener) {
      acceptedListener = listener;
    },
    setGate(next) {
      gate = next;
    },
    waitUntil(predicate, description, timeoutMs) {
      if (predicate(accepted)) return Promise.resolve();
      return new Promise((resolveDone, reject) => {
        const check = (): void => {
          if (!predicate(accepted)) return;
          clearTimeout(timer);
          events.off('attempt', check);
          resolveDone();
        };
        const timer = setTimeout(() => {
          events.off('attempt', check);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${description}; the sink accepted ${accepted.length} messages`,
            ),
          );
        }, timeoutMs);
        events.on('attempt', check);
      });
    },
    stop() {
      return new Promise((resolveClosed) => server.close(() => resolveClosed()));
    },
  };
}

function readHeaders(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
