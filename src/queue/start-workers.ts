import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { ErrorCode } from '../errors/error-codes.js';
import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import type { Logger } from '../observability/create-logger.js';
import { isJobName, jobCatalog, type JobName, type JobPayload } from './job-catalog.js';
import type { QueueName } from './job-queues.js';

/** Errors that put a job back until `details.retryAt` (ms, the queue's clock). */
const deferringCodes: ReadonlySet<ErrorCode> = new Set(['SEND_DEFERRED', 'REPLY_DUE_LATER']);

export type JobHandlers = {
  [N in JobName]: (payload: JobPayload<N>, job: Job) => Promise<unknown>;
};

export interface StartWorkersOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly handlers: JobHandlers;
  readonly logger: Logger;
  /** Errors of the workers' own Redis connections (the worker retries by itself). */
  readonly onConnectionError: (error: Error, source: string) => void;
  readonly onFinished?: (event: {
    name: JobName;
    outcome: 'completed' | 'failed';
    job: Job;
    error?: unknown;
  }) => void;
}

/**
 * One worker per queue. Payloads are validated against the catalog when dequeued;
 * permanent failures (SMTP 5xx, invalid payloads, forwards to unknown addresses) become
 * BullMQ's UnrecoverableError so they are not retried, transient ones are retried with backoff.
 */
export function startWorkers(options: StartWorkersOptions): Worker[] {
  const process = async (job: Job, token?: string): Promise<unknown> => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = jobCatalog[job.name].safeParse(job.data);
    if (!parsed.success) {
      const error = new OffhoursError(
        'JOB_PAYLOAD_INVALID',
        `job ${job.name} ${job.id ?? ''} has an invalid payload`,
        {
          cause: parsed.error,
        },
      );
      options.logger.error(
        { event: 'job_failed', code: error.code, job: job.name, jobId: job.id },
        error.message,
      );
      // The cause keeps the error code for the metrics and the records.
      throw Object.assign(new UnrecoverableError(error.message), { cause: error });
    }
    try {
      return await runHandler(job.name, parsed.data, job, options.handlers);
    } catch (error) {
      // A reply over a cap waits in the delayed set until the cap frees up, and a reply-time
      // check whose promise now runs out later waits for it; neither costs an attempt.
      const retryAt =
        isOffhoursError(error) && deferringCodes.has(error.code)
          ? error.details['retryAt']
          : undefined;
      if (typeof retryAt === 'number' && token !== undefined) {
        // A little spread, so a backlog does not all come back in the same millisecond.
        await job.moveToDelayed(retryAt + Math.floor(Math.random() * 2_000), token);
        throw new DelayedError();
      }
      const code = isOffhoursError(error) ? error.code : 'INTERNAL';
      const permanent = isOffhoursError(error) && error.permanent;
      const willRetry = !permanent && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      options.logger[permanent ? 'error' : 'warn'](
        {
          event: 'job_failed',
          code,
          job: job.name,
          jobId: job.id,
          attempt: job.attemptsMade + 1,
          willRetry,
          err: error,
        },
        permanent ? 'job failed permanently; not retried' : 'job failed; retrying with backoff',
      );
      if (permanent)
        // Keep the cause: the failure's error code must survive for metrics and logs.
        throw Object.assign(
          new UnrecoverableError(error instanceof Error ? error.message : String(error)),
          { cause: error },
        );
      throw error;
    }
  };
  const workerOf = (
    queue: QueueName,
    extra: { concurrency: number; limiter?: { max: number; duration: number } },
  ): Worker => {
    const worker = new Worker(queue, process, {
      connection: options.connection,
      prefix: options.prefix,
      // A job whose worker died (kill -9) is taken up again within ~15 s instead of ~60 s,
      // and may be cut off that way a few times without being failed.
      lockDuration: 10_000,
      stalledInterval: 5_000,
      maxStalledCount: 10,
      ...extra,
    });
    worker.on('completed', (job) => {
      if (isJobName(job.name)) options.onFinished?.({ name: job.name, outcome: 'completed', job });
    });
    worker.on('failed', (job, error) => {
      if (job !== undefined && isJobName(job.name))
        options.onFinished?.({ name: job.name, outcome: 'failed', job, error });
    });
    worker.on('error', (error) => options.onConnectionError(error, `worker:${queue}`));
    return worker;
  };
  return [
    // The global cap counts messages sent (SendCaps), not jobs run: a suppressed reply or a
    // retry costs nothing.
    workerOf('mail', { concurrency: 4 }),
    // Releases run one at a time, so two never move the same held message.
    workerOf('hold', { concurrency: 1 }),
  ];
}

function runHandler<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  job: Job,
  handlers: JobHandlers,
): Promise<unknown> {
  const handler = handlers[name] as (payload: JobPayload<N>, job: Job) => Promise<unknown>;
  return handler(payload, job);
}
