/**
 * Waits until every message of a scenario is handled as decided and every reply and
 * forward it needs has reached the sink, or the time is up; then until the queues have
 * settled (so a duplicate still on its way is counted too); then counts. Resolves with the
 * counts either way: the scenario prints its figures before it asserts.
 */
import { waitUntil } from '../../../src/sandbox/wait-until.js';
import { connectMailbox } from '../../support/mailbox-client.js';
import { countLost, countOutcomes, type ExpectedMail, type Outcomes } from './count-outcomes.js';
import type { FaultSink } from './start-fault-sink.js';
import { waitForSettledQueues } from './wait-for-settled-queues.js';

export interface AwaitOutcomesOptions {
  readonly expected: readonly ExpectedMail[];
  readonly sink: FaultSink;
  /** Read over a fresh connection each time: one left over from before an outage may be dead. */
  readonly imap: { host: string; port: number; user: string; pass: string };
  readonly redis: { url: string; prefix: string };
  readonly timeoutMs: number;
  readonly holdMailbox?: string;
}

export async function readOutcomes(options: AwaitOutcomesOptions): Promise<Outcomes> {
  const { host, port, user, pass } = options.imap;
  const mailbox = await connectMailbox({ host, port }, { user, pass });
  try {
    const inbox = await mailbox.list('INBOX');
    const held = await mailbox.list(options.holdMailbox ?? 'Held');
    return countOutcomes(options.expected, options.sink.accepted, { inbox, held });
  } finally {
    await mailbox.close();
  }
}

export async function awaitOutcomes(options: AwaitOutcomesOptions): Promise<Outcomes> {
  await waitUntil(async () => countLost(await readOutcomes(options)) === 0, {
    description: 'every message to be handled as decided',
    timeoutMs: options.timeoutMs,
    intervalMs: 1_000,
  }).catch(() => undefined);
  await waitForSettledQueues(options.redis.url, options.redis.prefix);
  return readOutcomes(options);
}
