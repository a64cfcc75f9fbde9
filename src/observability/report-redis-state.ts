import type { Logger } from './create-logger.js';

export interface RedisStateReporter {
  /** A connection error from any client, queue or worker; logged once per outage. */
  reportError(error: unknown, source: string): void;
  /** The main connection is ready again; logged once, when it ends an outage. */
  reportReady(): void;
}

/**
 * While Redis is away every client, queue and worker reports each failed reconnect; a
 * person needs two lines: when it went away and when it came back.
 */
export function reportRedisState(logger: Logger): RedisStateReporter {
  let unreachable = false;
  return {
    reportError(error, source) {
      if (unreachable) {
        logger.debug({ event: 'redis_error', source, err: error }, 'Redis still unreachable');
        return;
      }
      unreachable = true;
      logger.warn(
        {
          event: 'redis_state',
          state: 'unreachable',
          code: 'REDIS_UNAVAILABLE',
          source,
          err: error,
        },
        'Redis is unreachable; queued work waits and nothing is marked handled until it is back',
      );
    },
    reportReady() {
      if (!unreachable) return;
      unreachable = false;
      logger.info({ event: 'redis_state', state: 'ready' }, 'Redis is reachable again');
    },
  };
}
