/**
 * An OAuth2 mailbox end to end, with real parts only: Dovecot checking XOAUTH2/OAUTHBEARER
 * tokens with the local authorization server (passdb oauth2), the SMTP sink requiring
 * XOAUTH2 and refusing stale tokens, the daemon as users run it (`offhours run`) plus a
 * second process (`--workers-only`) sharing the tokens, and `offhours auth import` fed on
 * standard input. The provider is `custom`, pointed at the local server.
 */
import { describe, expect, it } from 'vitest';
import type { OAuthServer } from '../../src/sandbox/start-oauth-server.js';
import { waitUntil } from '../../src/sandbox/wait-until.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { connectMailbox } from '../support/mailbox-client.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { startOffhours, type LogLine, type OffhoursProcess } from '../support/start-offhours.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';
import { writeTestConfig } from '../support/write-test-config.js';

const clientId = 'offhours-daemon-test';
const clientSecret = 'client-secret-7f3a9c1e5b';
const storeSecret = 'store-secret-4d8e2a6c0b9f1e3d';
const env = { OFFHOURS_SECRET: storeSecret, TEST_CLIENT_SECRET: clientSecret };
// Wednesday 25 November 2026, 20:00 UTC: after Acme's hours, so every message is answered.
const eveningAt = '2026-11-25T20:00:00Z';
const acmeClient = composeAcmeClient();

const services = useMailServices({
  oauth2: { clients: [{ clientId, clientSecret }], accessTokenLifetimeSeconds: 30 },
});
const defer = useCleanups();

interface OAuthSetUp {
  readonly oauth: OAuthServer;
  readonly user: string;
  readonly configPath: string;
  /** Appends a message over a connection of its own (Dovecot may have restarted meanwhile). */
  deliver(raw: string): Promise<void>;
  /** Everything every process and command printed, for the leak check. */
  readonly output: string[];
  importToken(): Promise<CliResult>;
  start(args?: readonly string[]): OffhoursProcess;
}

async function setUp(login: 'device' | 'loopback' = 'device'): Promise<OAuthSetUp> {
  const { dovecot, sink, oauth } = services();
  if (oauth === undefined) throw new Error('the sandbox started without its OAuth2 server');
  oauth.setAccessTokenLifetime(30);
  const account = dovecot.newUser();
  const redis = useSharedRedis();
  const config = await writeTestConfig({
    imap: { host: dovecot.host, port: dovecot.port, ...account },
    smtpPort: sink.port,
    redis,
    clients: { acme: acmeClient },
    http: { port: 0 },
    imapAuth: `{ type: oauth2, provider: custom, clientId: ${clientId}, clientSecret: "\${TEST_CLIENT_SECRET}", tokenUrl: "${oauth.tokenUrl}", ${login === 'device' ? `deviceAuthorizationUrl: "${oauth.deviceAuthorizationUrl}"` : `authorizationUrl: "${oauth.authorizationUrl}"`}, scopes: [mail] }`,
    smtpAuth: '{ type: oauth2 }',
  });
  const output: string[] = [];
  const processes: OffhoursProcess[] = [];
  defer(
    () => config.remove(),
    () => cleanupPrefix(redis.url, redis.prefix),
    async () => {
      await Promise.all(processes.map((daemon) => daemon.stop()));
      for (const daemon of processes)
        output.push(...daemon.logs.map((line) => JSON.stringify(line)), ...daemon.stderr);
    },
  );
  return {
    oauth,
    user: account.user,
    configPath: config.path,
    async deliver(raw) {
      const mailbox = await connectMailbox(dovecot, account);
      try {
        await mailbox.append(raw);
      } finally {
        await mailbox.close();
      }
    },
    output,
    async importToken() {
      const result = await runCliAsync(['auth', 'import', '--config', config.path], {
        env,
        input: `${oauth.issueRefreshToken(account.user, clientId)}\n`,
      });
      output.push(result.stdout, result.stderr);
      return result;
    },
    start(args = []) {
      const daemon = startOffhours(
        ['run', '--config', config.path, '--at', eveningAt, ...args],
        env,
      );
      processes.push(daemon);
      return daemon;
    },
  };
}

const httpPortOf = async (daemon: OffhoursProcess): Promise<number> =>
  Number((await daemon.waitForLog((line) => line.event === 'http_listening'))['port']);

async function readHealth(port: number): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.text() };
}

async function waitForHealth(
  port: number,
  status: number,
  timeoutMs: number,
  isWanted: (body: string) => boolean = () => true,
): Promise<string> {
  let body = '';
  await waitUntil(
    async () => {
      const health = await readHealth(port);
      body = health.body;
      return health.status === status && isWanted(health.body);
    },
    { description: `/healthz to answer ${status}`, timeoutMs, intervalMs: 200 },
  );
  return body;
}

describe('an OAuth2 mailbox', () => {
  it('imports a refresh token, checking IMAP and SMTP with it, and never prints a token', async () => {
    const test = await setUp();
    const imported = await test.importToken();
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Signed in as ${test.user} (custom)`);
    expect(imported.stdout).toMatch(
      /checked {2}IMAP 127\.0\.0\.1:\d+, SMTP 127\.0\.0\.1:\d+: logins accepted/,
    );

    const status = await runCliAsync(['auth', 'status', '--config', test.configPath], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${test.user} (custom, for IMAP and SMTP)`);
    expect(status.stdout).toMatch(/state {9}ok/);
    expect(status.stdout).toMatch(/obtained {6}by import/);
    for (const token of test.oauth.issuedTokens()) {
      expect(imported.stdout + imported.stderr + status.stdout).not.toContain(token);
    }
  });

  it('logs in with a device code, checks IMAP and SMTP, and saves the tokens', async () => {
    const test = await setUp('device');
    let approved = false;
    const login = await runCliAsync(['auth', 'login', '--config', test.configPath], {
      env,
      onOutput(stdout) {
        const code = /enter the code (\w+)/.exec(stdout)?.[1];
        if (code === undefined || approved) return;
        approved = true;
        test.oauth.approveDevice(code, test.user);
      },
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`To sign in as ${test.user}, open ${test.oauth.url}/device`);
    expect(login.stdout).toMatch(
      /checked {2}IMAP 127\.0\.0\.1:\d+, SMTP 127\.0\.0\.1:\d+: logins accepted/,
    );
    const status = await runCliAsync(['auth', 'status', '--config', test.configPath], { env });
    expect(status.stdout).toMatch(/obtained {6}by login/);
    for (const token of test.oauth.issuedTokens())
      expect(login.stdout + status.stdout).not.toContain(token);
  });

  it('logs in through a browser redirected to 127.0.0.1, with PKCE', async () => {
    const test = await setUp('loopback');
    let browser: Promise<string> | undefined;
    const login = await runCliAsync(['auth', 'login', '--config', test.configPath], {
      env,
      onOutput(stdout) {
        const url = /^ {2}(http:\/\/\S+\/authorize\?\S+)$/m.exec(stdout)?.[1];
        if (url === undefined || browser !== undefined) return;
        // The person's browser: it follows the provider's redirect back to the loopback port.
        browser = fetch(url).then((response) => response.text());
      },
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(await browser).toContain('offhours: signed in');
    const authorizeUrl = new URL(/^ {2}(http:\/\/\S+)$/m.exec(login.stdout)?.[1] ?? 'http://x');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('login_hint')).toBe(test.user);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(login.stdout).toContain('logins accepted');
  });

  it('saves nothing when IMAP refuses the new token (signed in as someone else)', async () => {
    const test = await setUp('device');
    let approved = false;
    const login = await runCliAsync(['auth', 'login', '--config', test.configPath], {
      env,
      onOutput(stdout) {
        const code = /enter the code (\w+)/.exec(stdout)?.[1];
        if (code === undefined || approved) return;
        approved = true;
        test.oauth.approveDevice(code, `someone-else-${test.user}`);
      },
    });
    expect(login.code).toBe(1);
    expect(login.stderr).toContain(`AUTH_LOGIN_FAILED: the IMAP server 127.0.0.1`);
    expect(login.stderr).toContain('Nothing was saved.');
    const status = await runCliAsync(['auth', 'status', '--config', test.configPath], { env });
    expect(status.stdout).toContain('not logged in');
  });

  it('refuses a refresh token the provider does not know, and saves nothing', async () => {
    const test = await setUp();
    const result = await runCliAsync(['auth', 'import', '--config', test.configPath], {
      env,
      input: 'rt-made-up\n',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'AUTH_LOGIN_FAILED: the provider did not accept the refresh token',
    );
    expect(result.stderr).toContain('invalid_grant');
    expect(result.stderr).not.toContain('rt-made-up');
    const status = await runCliAsync(['auth', 'status', '--config', test.configPath], { env });
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('not logged in: run offhours auth login --config');
  });

  it('keeps up with access tokens that expire every 30 s for 3 minutes: no missed mail, no failed reply, one refresh at a time', async () => {
    const test = await setUp();
    expect((await test.importToken()).code).toBe(0);
    const { sink, dovecot } = services();
    // The authorization server serves the whole file, and an earlier test is refused on purpose.
    const refusedBefore = test.oauth.stats().refusedRefreshes;
    const watcher = test.start();
    await watcher.waitForLog((line) => line.event === 'watcher_ready', 20_000);
    const workers = test.start(['--workers-only']);
    const isRefresh = (line: LogLine): boolean => line.event === 'auth_token_refreshed';
    // The next refresh by either process (each refresh is logged by the one that did it).
    const waitForNextRefresh = (): Promise<LogLine> =>
      Promise.any(
        [watcher, workers].map((daemon) => {
          const seen = new Set(daemon.logs.filter(isRefresh));
          return daemon.waitForLog((line) => isRefresh(line) && !seen.has(line), 40_000);
        }),
      );
    const startedAt = Date.now();
    const runMs = 180_000;
    const senders: string[] = [];
    let restarted = false;
    for (let index = 0; Date.now() - startedAt < runMs; index += 1) {
      const sender = `client${index}-${test.user}@acme.example`;
      senders.push(sender);
      await test.deliver(composeMail({ from: sender, subject: `Question ${index}` }).raw);
      await sink.waitFor((mail) => mail.envelope.to.includes(sender), 40_000);
      // Halfway through, Dovecot restarts: the watcher logs in again with a current token.
      if (!restarted && Date.now() - startedAt > runMs / 2) {
        restarted = true;
        await dovecot.restart();
      }
      // Two messages on each access token, then on to the next one: mail keeps crossing
      // token expiries for the whole run.
      if (index % 2 === 1) await waitForNextRefresh();
    }
    const logs = [...watcher.logs, ...workers.logs];
    const refreshes = test.oauth.stats().refreshes.get(test.user) ?? 0;
    expect(senders.length).toBeGreaterThanOrEqual(10);
    expect(
      sink.messages.filter((mail) => senders.some((s) => mail.envelope.to.includes(s))),
    ).toHaveLength(senders.length);
    expect(logs.filter((line) => line.event === 'job_failed')).toEqual([]);
    expect(
      logs.filter((line) => typeof line.code === 'string' && line.code.startsWith('AUTH_')),
    ).toEqual([]);
    // Tokens renewed when a quarter of their 30 s is left, by one process at a time: about
    // one refresh per 22.5 s, never one per process (rotation would refuse the second).
    expect(refreshes).toBeGreaterThanOrEqual(Math.floor(runMs / 30_000));
    expect(refreshes).toBeLessThanOrEqual(Math.ceil(runMs / 22_500) + 3);
    expect(test.oauth.stats().refusedRefreshes - refusedBefore).toBe(0);
  }, 300_000);

  it('on revocation answers 503 naming auth, logs it once, leaves mail alone, and recovers after auth import without a restart; no secret in any output', async () => {
    const test = await setUp();
    const { sink, dovecot } = services();
    expect((await test.importToken()).code).toBe(0);
    const daemon = test.start();
    const port = await httpPortOf(daemon);
    await daemon.waitForLog((line) => line.event === 'watcher_ready', 20_000);
    const before = `before-${test.user}@acme.example`;
    await test.deliver(composeMail({ from: before }).raw);
    await sink.waitFor((mail) => mail.envelope.to.includes(before), 20_000);
    test.output.push(await waitForHealth(port, 200, 10_000));

    test.oauth.revoke(test.user);
    // The watcher's next login is refused; one refresh is tried, and refused for good.
    await dovecot.restart();
    const unhealthy = await waitForHealth(port, 503, 30_000, (body) =>
      body.includes('"reauth_required"'),
    );
    test.output.push(unhealthy);
    expect(JSON.parse(unhealthy)).toMatchObject({
      auth: 'reauth_required',
      reauthRequired: [test.user],
    });
    expect((JSON.parse(unhealthy) as { failing: string[] }).failing).toContain('auth');

    const during = composeMail({ from: `during-${test.user}@acme.example` });
    await test.deliver(during.raw);
    const status = await runCliAsync(['status', '--config', test.configPath], { env });
    test.output.push(status.stdout, status.stderr);
    expect(status.stdout).toContain(
      `auth     ${test.user} (custom): login needed, mail is left untouched: run offhours auth login --config ${test.configPath}`,
    );
    const authStatus = await runCliAsync(['auth', 'status', '--config', test.configPath], { env });
    test.output.push(authStatus.stdout, authStatus.stderr);
    expect(authStatus.code).toBe(1);
    expect(authStatus.stdout).toContain('invalid_grant');
    const mailbox = await connectMailbox(dovecot, { user: test.user, pass: 'any' });
    try {
      const inbox = await mailbox.list('INBOX');
      const waiting = inbox.find((entry) => entry.messageId === during.messageId);
      expect(waiting?.flags.has('$Offhours')).toBe(false);
    } finally {
      await mailbox.close();
    }
    expect(
      sink.messages.some((mail) => mail.envelope.to.includes(`during-${test.user}@acme.example`)),
    ).toBe(false);

    expect((await test.importToken()).code).toBe(0);
    await daemon.waitForLog((line) => line.event === 'auth_recovered', 20_000);
    await sink.waitFor(
      (mail) => mail.envelope.to.includes(`during-${test.user}@acme.example`),
      30_000,
    );
    test.output.push(await waitForHealth(port, 200, 20_000));
    expect(daemon.logs.filter((line) => line.code === 'AUTH_REAUTH_REQUIRED')).toHaveLength(1);

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    test.output.push(await metrics.text());
    const check = await runCliAsync(['check', '--config', test.configPath, '--at', eveningAt], {
      env,
    });
    test.output.push(check.stdout, check.stderr);
    await daemon.stop();
    test.output.push(...daemon.logs.map((line) => JSON.stringify(line)), ...daemon.stderr);
    const everything = test.output.join('\n');
    expect(everything).toContain('auth_reauth_required');
    const secrets = [clientSecret, storeSecret, ...test.oauth.issuedTokens()];
    expect(secrets.length).toBeGreaterThan(4);
    expect(secrets.filter((secret) => everything.includes(secret))).toEqual([]);
  }, 120_000);
});
