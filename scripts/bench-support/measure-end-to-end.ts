/**
 * End-to-end latency of the running daemon: APPEND an out-of-hours client message, then
 * time the daemon's decision log line and the auto-reply arriving at the SMTP sink. One
 * message at a time, each from a new sender so every one is answered.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeMail } from '../../test/support/compose-mail.js';
import type { MailboxClient } from '../../test/support/mailbox-client.js';
import type { OffhoursProcess } from '../../test/support/start-offhours.js';
import { outOfHoursDomain } from './bench-clients.js';

export interface EndToEndSample {
  /** APPEND completed -> the daemon logged its decision. */
  readonly decisionMs: number;
  /** APPEND completed -> the reply reached the SMTP sink. */
  readonly replyMs: number;
}

export async function measureEndToEnd(
  daemon: OffhoursProcess,
  mailbox: MailboxClient,
  sink: SmtpSink,
  samples: number,
  timeoutMs = 15_000,
): Promise<EndToEndSample[]> {
  const results: EndToEndSample[] = [];
  // One unmeasured message first: the first SMTP connection and cold code paths.
  for (let round = 0; round <= samples; round += 1) {
    const sender = `client-${randomBytes(5).toString('hex')}@${outOfHoursDomain}`;
    const mail = composeMail({ from: `Client ${round} <${sender}>`, subject: `Question ${round}` });
    await mailbox.append(mail.raw);
    const appendedAt = performance.now();
    const [decidedAt, repliedAt] = await Promise.all([
      daemon
        .waitForLog(
          (line) => line.event === 'decision' && line['messageId'] === mail.messageId,
          timeoutMs,
        )
        .then(() => performance.now()),
      sink
        .waitFor((received) => received.envelope.to.includes(sender), timeoutMs)
        .then(() => performance.now()),
    ]);
    if (round > 0) {
      results.push({ decisionMs: decidedAt - appendedAt, replyMs: repliedAt - appendedAt });
    }
  }
  return results;
}
