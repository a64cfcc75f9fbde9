/**
 * One out-of-hours client message with a large attachment, appended while the daemon
 * watches: how long it takes to decide, and whether the daemon's peak RSS moves (it should
 * not: the watcher fetches only the first 256 KiB of each message).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import type { MailboxClient } from '../../test/support/mailbox-client.js';
import { outOfHoursDomain } from './bench-clients.js';
import { composeLargeMessage } from './compose-large-message.js';
import { readProcessMemory, type ProcessMemory } from './read-process-memory.js';
import type { BenchDaemon } from './start-bench-daemon.js';

export interface LargeMessageResult {
  readonly messageBytes: number;
  readonly appendMs: number;
  /** APPEND completed -> decision log line. */
  readonly decisionMs: number;
  /** APPEND completed -> reply at the SMTP sink. */
  readonly replyMs: number;
  readonly before: ProcessMemory;
  readonly after: ProcessMemory;
}

export async function measureLargeMessage(
  daemon: BenchDaemon,
  mailbox: MailboxClient,
  sink: SmtpSink,
  base64Bytes: number,
  timeoutMs = 60_000,
): Promise<LargeMessageResult> {
  const sender = `archive-${randomBytes(5).toString('hex')}@${outOfHoursDomain}`;
  const mail = composeLargeMessage(`Archive Sender <${sender}>`, base64Bytes);
  const before = readProcessMemory(daemon.pid);
  const logMark = daemon.process.logs.length;
  const appendStartedAt = performance.now();
  await mailbox.append(mail.raw);
  const appendedAt = performance.now();
  const [decidedAt, repliedAt] = await Promise.all([
    daemon.process
      .waitForLog(
        (line) => line.event === 'decision' && line['messageId'] === mail.messageId,
        timeoutMs,
      )
      .then(() => performance.now()),
    sink
      .waitFor((received) => received.envelope.to.includes(sender), timeoutMs)
      .then(() => performance.now()),
  ]);
  // The batch (its MOVE to the hold folder) finishes after the decision line; wait for it
  // so the peak covers the message's whole handling.
  await daemon.process.waitForLog(
    (line) => line.event === 'batch_triaged' && daemon.process.logs.indexOf(line) >= logMark,
    timeoutMs,
  );
  return {
    messageBytes: Buffer.byteLength(mail.raw),
    appendMs: appendedAt - appendStartedAt,
    decisionMs: decidedAt - appendedAt,
    replyMs: repliedAt - appendedAt,
    before,
    after: readProcessMemory(daemon.pid),
  };
}
