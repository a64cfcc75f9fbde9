/**
 * The token manager against a real Redis and the local authorization server (rotating
 * refresh tokens: a refresh token used twice is refused, as a strict provider does).
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { AccountTokens } from '../../src/auth/account-tokens.js';
import type { OAuthAccount } from '../../src/auth/oauth-account.js';
import { resolveOAuthProvider } from '../../src/auth/resolve-oauth-provider.js';
import { TokenCipher } from '../../src/auth/token-cipher.js';
import { TokenStore } from '../../src/auth/token-store.js';
import { isOffhoursError } from '../../src/errors/offhours-error.js';
import { startOAuthServer, type OAuthServer } from '../../src/sandbox/start-oauth-server.js';
import { captureLogger } from '../support/capture-logger.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useFixture } from '../support/use-fixture.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { waitUntil } from '../../src/sandbox/wait-until.js';

const secret = 'a-test-secret-of-enough-length';
const env = { OFFHOURS_SECRET: secret };
const clientId = 'offhours-test';
const oauthServer = useFixture(
  () => startOAuthServer({ clients: [{ clientId }] }),
  (server) => server.stop(),
);
const cleanup = useCleanups();

function accountFor(server: OAuthServer, user: string): OAuthAccount {
  return {
    id: `acct-${user}`,
    user,
    clientId,
    provider: resolveOAuthProvider({
      provider: 'custom',
      tokenUrl: server.tokenUrl,
      deviceAuthorizationUrl: server.deviceAuthorizationUrl,
      scopes: ['mail'],
    }),
  };
}

/** An isolated account: its own prefix and user, tokens imported as `auth import` would. */
function setUp(options: { lifetimeSeconds?: number } = {}) {
  const server = oauthServer();
  server.setAccessTokenLifetime(options.lifetimeSeconds ?? 3600);
  const { url, prefix } = useSharedRedis();
  const user = `${prefix}@example.test`;
  const account = accountFor(server, user);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  cleanup(
    () => cleanupPrefix(url, prefix),
    () => redis.quit(),
  );
  const store = new TokenStore(redis, prefix, account, TokenCipher.fromSecret(secret));
  const importRefreshToken = () =>
    store.saveObtained(
      {
        accessToken: null,
        refreshToken: server.issueRefreshToken(user, clientId),
        expiresAt: null,
        scopes: ['mail'],
      },
      'import',
      Date.now(),
    );
  /** A token manager as one daemon process has it: its own Redis connection. */
  const startProcess = (recheckMs = 100) => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const log = captureLogger();
    const tokens = new AccountTokens({
      redis: connection,
      prefix,
      env,
      logger: log.logger,
      loginCommand: 'offhours auth login --config test.yaml',
      recheckMs,
    });
    cleanup(
      () => connection.quit(),
      () => tokens.stop(),
    );
    return { manager: tokens.manager(account), lines: log.lines, raw: log.raw };
  };
  return { server, user, account, store, importRefreshToken, startProcess };
}

describe('TokenManager', () => {
  it('refreshes, saves the rotated refresh token, and a second process reuses the result', async () => {
    const { server, user, store, importRefreshToken, startProcess } = setUp();
    await importRefreshToken();
    const first = startProcess();
    const token = await first.manager.getAccessToken();
    expect(server.isAccessTokenValid(user, token.accessToken)).toBe(true);
    const stored = await store.read();
    // The imported refresh token was spent; the rotated one is what is stored now.
    expect(stored?.tokens.refreshToken).toMatch(/^rt-/);
    expect(server.stats().refreshes.get(user)).toBe(1);

    const second = startProcess();
    expect((await second.manager.getAccessToken()).accessToken).toBe(token.accessToken);
    expect(server.stats().refreshes.get(user)).toBe(1);
    expect(server.stats().refusedRefreshes).toBe(0);
  });

  it('runs one refresh when two processes need a token at the same moment', async () => {
    const { server, user, importRefreshToken, startProcess } = setUp();
    await importRefreshToken();
    const processes = [startProcess(), startProcess(), startProcess()];
    const tokens = await Promise.all(
      processes.map(({ manager }) => manager.getAccessToken({ rejected: 'none' })),
    );
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(server.stats().refreshes.get(user)).toBe(1);
    // With rotation, a second refresh with the same token would have been refused.
    expect(server.stats().refusedRefreshes).toBe(0);
  });

  it('never hands out a token a server refused', async () => {
    const { server, user, importRefreshToken, startProcess } = setUp();
    await importRefreshToken();
    const { manager } = startProcess();
    const refused = await manager.getAccessToken();
    const fresh = await manager.getAccessToken({ rejected: refused.accessToken });
    expect(fresh.accessToken).not.toBe(refused.accessToken);
    expect(server.isAccessTokenValid(user, fresh.accessToken)).toBe(true);
    expect(server.stats().refreshes.get(user)).toBe(2);
  });

  it('refreshes ahead of expiry by itself', async () => {
    const { server, user, importRefreshToken, startProcess } = setUp({ lifetimeSeconds: 4 });
    await importRefreshToken();
    const { manager, lines } = startProcess();
    const first = await manager.getAccessToken();
    // A quarter of the 4 s lifetime before expiry, the timer refreshes without being asked.
    await waitUntil(
      () => lines.filter((line) => line.event === 'auth_token_refreshed').length >= 2,
      { timeoutMs: 10_000, description: 'a second refresh' },
    );
    const next = await manager.getAccessToken();
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(next.expiresAt ?? 0).toBeGreaterThan(first.expiresAt ?? Infinity);
    expect(server.isAccessTokenValid(user, next.accessToken)).toBe(true);
  });

  it('logs AUTH_REAUTH_REQUIRED once when the refresh token is revoked, and recovers after an import', async () => {
    const { server, user, store, importRefreshToken, startProcess } = setUp();
    await importRefreshToken();
    const { manager, lines } = startProcess();
    const first = await manager.getAccessToken();
    server.revoke(user);
    const failures = await Promise.all(
      [1, 2, 3].map(() =>
        manager.getAccessToken({ rejected: first.accessToken }).then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    for (const failure of failures) {
      expect(isOffhoursError(failure) && failure.code).toBe('AUTH_REAUTH_REQUIRED');
    }
    expect(manager.state).toBe('reauth_required');
    const status = await store.readStatus();
    expect(status?.state).toBe('reauth_required');
    expect(status?.lastError?.message).toContain('invalid_grant');
    const refusedBefore = server.stats().refusedRefreshes;
    // Asking again fails fast, from the store, without another call to the token endpoint.
    await expect(manager.getAccessToken()).rejects.toThrow(/OAuth2 login needed/);
    expect(server.stats().refusedRefreshes).toBe(refusedBefore);
    expect(lines.filter((line) => line.code === 'AUTH_REAUTH_REQUIRED')).toHaveLength(1);

    await importRefreshToken();
    await waitUntil(() => manager.state === 'ok', {
      timeoutMs: 5_000,
      description: 'the manager to notice the import',
    });
    expect(lines.some((line) => line.event === 'auth_recovered')).toBe(true);
    const recovered = await manager.getAccessToken();
    expect(server.isAccessTokenValid(user, recovered.accessToken)).toBe(true);
  });

  it('says AUTH_REAUTH_REQUIRED, naming the command, when no tokens were ever stored', async () => {
    const { startProcess } = setUp();
    const { manager } = startProcess();
    await expect(manager.getAccessToken()).rejects.toThrow(
      /no OAuth2 tokens are stored .*: run offhours auth login --config test\.yaml/,
    );
  });

  it('refuses to open the tokens with another secret', async () => {
    const { importRefreshToken, account } = setUp();
    await importRefreshToken();
    const { url } = useSharedRedis();
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    cleanup(() => redis.quit());
    const key = (await redis.keys(`*:auth:${account.id}`))[0] ?? '';
    const prefix = key.slice(0, key.indexOf(':auth:'));
    const other = new TokenStore(
      redis,
      prefix,
      account,
      TokenCipher.fromSecret('another-secret-value'),
    );
    await expect(other.read()).rejects.toMatchObject({ code: 'AUTH_SECRET_MISMATCH' });
  });

  it('keeps the tokens sealed in Redis: no token in any field', async () => {
    const { server, importRefreshToken, startProcess, account } = setUp();
    await importRefreshToken();
    await startProcess().manager.getAccessToken();
    const { url } = useSharedRedis();
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    cleanup(() => redis.quit());
    const key = (await redis.keys(`*:auth:${account.id}`))[0] ?? '';
    const everything = JSON.stringify(await redis.hgetall(key));
    expect(everything).toContain('"sealed":"v1.');
    for (const token of server.issuedTokens()) expect(everything).not.toContain(token);
  });
});
