/**
 * A Dovecot, an SMTP sink and, when asked, a private Redis for the enclosing file or
 * describe block: started once, stopped after. If one cannot start (a missing package),
 * the ones that did are stopped and every test fails with the reason; none is skipped.
 */
import { startDovecot, type DovecotServer } from '../../src/sandbox/start-dovecot.js';
import { startRedis, type RedisServer } from '../../src/sandbox/start-redis.js';
import { startSmtpSink, type SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { useFixture } from './use-fixture.js';

export interface MailServices {
  dovecot: DovecotServer;
  sink: SmtpSink;
  /** Only with `{ redis: true }`: a Redis of the test's own, to kill and restart. */
  redis?: RedisServer;
}

export function useMailServices(options: { redis?: boolean } = {}): () => MailServices {
  return useFixture(
    async () => {
      const started = await Promise.allSettled([
        startDovecot(),
        startSmtpSink(),
        options.redis === true ? startRedis() : Promise.resolve(undefined),
      ] as const);
      const [dovecot, sink, redis] = started;
      if (
        dovecot.status === 'fulfilled' &&
        sink.status === 'fulfilled' &&
        redis.status === 'fulfilled'
      ) {
        return {
          dovecot: dovecot.value,
          sink: sink.value,
          ...(redis.value === undefined ? {} : { redis: redis.value }),
        };
      }
      for (const result of started) {
        if (result.status === 'fulfilled') await result.value?.stop();
      }
      const failure = started.find((result) => result.status === 'rejected');
      throw failure?.reason;
    },
    async ({ dovecot, sink, redis }) => {
      await Promise.all([dovecot.stop(), sink.stop()]);
      await redis?.stop();
    },
  );
}
