import { performance } from 'node:perf_hooks';
import { isReply } from './count-outcomes.js';
import type { FaultSink } from './start-fault-sink.js';

/**
 * Waits until every sender (lower-cased) has a reply at the sink; resolves with the
 * performance.now() of that moment, or null when the time ran out, so a scenario can
 * report a recovery time, or its absence, rather than fail before printing its figures.
 */
export function waitForReplies(
  sink: FaultSink,
  senders: readonly string[],
  description: string,
  timeoutMs: number,
): Promise<number | null> {
  return sink
    .waitUntil(
      (accepted) =>
        senders.every((sender) =>
          accepted.some((mail) => isReply(mail) && mail.to.includes(sender)),
        ),
      description,
      timeoutMs,
    )
    .then(
      () => performance.now(),
      () => null,
    );
}
