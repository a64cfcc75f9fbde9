import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPortClosed } from '../../src/sandbox/is-port-closed.js';
import { pickFreePort } from '../../src/sandbox/pick-free-port.js';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { waitUntil } from '../../src/sandbox/wait-until.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { connectMailbox } from '../support/mailbox-client.js';
import { useSharedRedis } from '../support/shared-redis.js';
import { startOffhours } from '../support/start-offhours.js';
import { writeTestConfig } from '../support/write-test-config.js';
import { useMailServices } from '../support/use-mail-services.js';
import { useCleanups } from '../support/use-cleanups.js';

// Wednesday 25 November 2026, 20:00 UTC: after Acme's hours, two hours before its check-in.
const eveningAt = '2026-11-25T20:00:00Z';
const acmeClient = composeAcmeClient();

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();

const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

interface Health {
  status: number;
  body: {
    status: string;
    imap: string;
    redis: string;
    lastCheckAt: string | null;
    failing: string[];
  };
}

async function getHealth(port: number): Promise<Health> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Health['body'] };
}

/** Polls /healthz until it answers `status`: the endpoint's own state is what is awaited. */
async function waitForHealth(port: number, status: number, timeoutMs: number): Promise<Health> {
  let last: Health | undefined;
  await waitUntil(
    async () => {
      last = await getHealth(port);
      return last.status === status;
    },
    { description: `/healthz to answer ${status}`, timeoutMs, intervalMs: 100 },
  );
  if (last === undefined) throw new Error('no /healthz answer');
  return last;
}

/** Polls /metrics until its text satisfies `isReady`, checking the content type on the way. */
async function waitForMetrics(port: number, isReady: (body: string) => boolean): Promise<string> {
  let body = '';
  await waitUntil(
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      body = await response.text();
      return isReady(body);
    },
    { description: 'the expected /metrics', timeoutMs: 15_000, intervalMs: 100 },
  );
  return body;
}

/**
 * Takes Dovecot down without removing its mail or config: kills its process group (the
 * master leads it) and waits for the port to close. `dovecot.restart()` brings it back.
 */
async function killDovecot(server: DovecotServer): Promise<void> {
  const masterPid = Number(readFileSync(join(server.dir, 'run', 'master.pid'), 'utf8').trim());
  process.kill(-masterPid, 'SIGTERM');
  await waitUntil(() => isPortClosed(server.port), {
    description: 'Dovecot to close its port',
    timeoutMs: 15_000,
  });
}

describe('GET /healthz and /metrics of a running daemon', () => {
  it('is healthy while watching, 503 naming imap while Dovecot is down, healthy again after; counts triaged mail', async () => {
    const account = dovecot.newUser();
    const redis = useSharedRedis();
    const httpPort = await pickFreePort();
    const config = await writeTestConfig({
      imap: { ...dovecot, ...account },
      smtpPort: sink.port,
      redis,
      clients: { acme: acmeClient },
      http: { port: httpPort },
    });
    const mailbox = await connectMailbox(dovecot, account);
    defer(
      () => config.remove(),
      () => mailbox.close(),
      () => cleanupPrefix(redis.url, redis.prefix),
    );
    const daemon = startOffhours(['run', '--config', config.path, '--at', eveningAt], {
      TEST_IMAP_PASS: account.pass,
    });
    defer(() => daemon.stop());
    const listening = await daemon.waitForLog((line) => line.event === 'http_listening');
    const port = listening['port'];
    expect(port).toBe(httpPort);
    if (typeof port !== 'number') throw new Error('http_listening without a port');
    await daemon.waitForLog(
      (line) => line.event === 'watcher_state' && line['state'] === 'watching',
    );

    const healthy = await waitForHealth(port, 200, 15_000);
    expect(healthy.body).toMatchObject({
      status: 'ok',
      imap: 'watching',
      redis: 'ok',
      failing: [],
    });
    expect(Date.parse(healthy.body.lastCheckAt ?? '')).not.toBeNaN();

    const sender = `jane-${randomBytes(4).toString('hex')}@acme.example`;
    await mailbox.append(composeMail({ from: sender, subject: 'Invoice question' }).raw);
    await daemon.waitForLog((line) => line.event === 'reply_sent' && line['to'] === sender);
    await daemon.waitForLog((line) => line.event === 'batch_triaged' && line['held'] === 1);
    // The reply is counted when BullMQ marks its job completed, just after the reply_sent log.
    const text = await waitForMetrics(port, (body) =>
      body.includes('offhours_replies_sent_total{client="acme",kind="out-of-hours"} 1'),
    );
    expect(text).toContain('offhours_messages_triaged_total{client="acme",action="hold"} 1');
    expect(text).toContain('offhours_messages_triaged_total{client="acme",action="reply"} 1');
    expect(text).toContain('offhours_replies_sent_total{client="acme",kind="out-of-hours"} 1');
    expect(text).toContain('offhours_held_messages 1');
    expect(text).toContain('offhours_reply_latency_seconds_count 1');
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);

    await killDovecot(dovecot);
    const down = await waitForHealth(port, 503, 15_000);
    expect(down.body.status).toBe('failing');
    expect(down.body.failing).toEqual(['imap']);
    expect(down.body.imap).toBe('disconnected');
    expect(down.body.redis).toBe('ok');

    await dovecot.restart();
    const back = await waitForHealth(port, 200, 60_000);
    expect(back.body).toMatchObject({ status: 'ok', imap: 'watching', failing: [] });
    const after = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(after).toContain('offhours_imap_reconnects_total 1');
    expect(after).toContain('offhours_watcher_state{state="watching"} 1');

    expect((await fetch(`http://127.0.0.1:${port}/nothing-here`)).status).toBe(404);
    expect(await daemon.stop()).toBe(0);
    expect(await isPortClosed(port)).toBe(true);
  });
});
