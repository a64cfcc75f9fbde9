/**
 * The throwaway services of the demo and the integration tests, started together: a Dovecot,
 * an SMTP sink and, when asked, a Redis of their own. If one cannot start, the ones that did
 * are stopped before the error is passed on, so nothing is left running.
 */
import { OffhoursError } from '../errors/offhours-error.js';
import { startDovecot, type DovecotServer } from './start-dovecot.js';
import { startOAuthServer, type OAuthClient, type OAuthServer } from './start-oauth-server.js';
import { startRedis, type RedisServer } from './start-redis.js';
import { startSmtpSink, type SmtpSink } from './start-smtp-sink.js';

export interface Sandbox {
  readonly dovecot: DovecotServer;
  readonly sink: SmtpSink;
  readonly redis?: RedisServer;
  /** With `oauth2`: the authorization server that Dovecot and the sink check tokens with. */
  readonly oauth?: OAuthServer;
  stop(): Promise<void>;
}

export async function startSandbox(
  options: {
    redis?: boolean;
    tls?: boolean;
    /** IMAP and SMTP log in with OAuth2 tokens of a local authorization server. */
    oauth2?: { clients: readonly OAuthClient[]; accessTokenLifetimeSeconds?: number };
  } = {},
): Promise<Sandbox> {
  const oauth = options.oauth2 === undefined ? undefined : await startOAuthServer(options.oauth2);
  const started = await Promise.allSettled([
    startDovecot({
      tls: options.tls === true,
      ...(oauth === undefined
        ? {}
        : {
            oauth2: { tokeninfoUrl: oauth.tokeninfoUrl, introspectionUrl: oauth.introspectionUrl },
          }),
    }),
    startSmtpSink(
      oauth === undefined
        ? {}
        : { xoauth2: (user, accessToken) => oauth.isAccessTokenValid(user, accessToken) },
    ),
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
      ...(oauth === undefined ? {} : { oauth }),
      async stop() {
        await Promise.all([dovecot.value.stop(), sink.value.stop()]);
        await redis.value?.stop();
        await oauth?.stop();
      },
    };
  }
  for (const result of started) {
    if (result.status === 'fulfilled') await result.value?.stop();
  }
  await oauth?.stop();
  const failure = started.find((result) => result.status === 'rejected');
  const reason: unknown = failure?.reason;
  throw new OffhoursError(
    'SANDBOX_UNAVAILABLE',
    reason instanceof Error ? reason.message : String(reason),
    { cause: reason },
  );
}
