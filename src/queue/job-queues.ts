import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { jobCatalog, type JobName, type JobPayload } from './job-catalog.js';

/**
 * Outgoing mail (replies, forwards, reply-time checks and their reminders) and releases of
 * held mail run on separate queues, so the global send-rate cap never delays a held
 * message's return to the inbox.
 */
export const queueOfJob = {
  reply: 'mail',
  forward: 'mail',
  escalate: 'mail',
  release: 'hold',
  'reply-due': 'mail',
  announce: 'mail',
  digest: 'mail',
} as const satisfies Record<JobName, string>;

export type QueueName = (typeof queueOfJob)[JobName];
export const queueNames: readonly QueueName[] = ['mail', 'hold'];

export type PlannedJob = {
  [N in JobName]: { name: N; data: JobPayload<N>; jobId: string; delayMs?: number };
}[JobName];

/** Completed jobs are kept as long as the longest once-per period, so their ids keep deduplicating. */
export const keepCompletedSeconds = 31 * 24 * 3600;

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: keepCompletedSeconds },
  removeOnFail: { age: keepCompletedSeconds },
};

export class JobQueues {
  readonly queues: Readonly<Record<QueueName, Queue>>;

  /**
   * `onError` receives connection errors (Redis going away); without a listener BullMQ
   * would print them to stderr.
   */
  constructor(
    connection: ConnectionOptions,
    prefix: string,
    onError: (error: Error) => void = () => undefined,
  ) {
    this.queues = {
      mail: new Queue('mail', { connection, prefix, defaultJobOptions }),
      hold: new Queue('hold', { connection, prefix, defaultJobOptions }),
    };
    for (const queue of Object.values(this.queues)) queue.on('error', onError);
  }

  /** Validates every payload against the catalog, then adds them with one round trip per queue. */
  async enqueue(jobs: readonly PlannedJob[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts: JobsOptions }[]>();
    for (const job of jobs) {
      jobCatalog[job.name].parse(job.data);
      const queueName = queueOfJob[job.name];
      const list = byQueue.get(queueName) ?? [];
      list.push({
        name: job.name,
        data: job.data,
        opts: {
          jobId: job.jobId,
          ...(job.delayMs !== undefined && job.delayMs > 0 ? { delay: job.delayMs } : {}),
        },
      });
      byQueue.set(queueName, list);
    }
    await Promise.all(
      [...byQueue].map(([queueName, list]) => this.queues[queueName].addBulk(list)),
    );
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
