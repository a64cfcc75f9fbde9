import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/observability/check-health.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { startHttpServer, type HttpServer } from '../../src/observability/start-http-server.js';
import { buildStatusView } from '../../src/status/build-status-view.js';
import { makeStatusSnapshot, snapshotAt } from '../support/make-status-snapshot.js';

const okReport: HealthReport = {
  status: 'ok',
  imap: 'watching',
  redis: 'ok',
  auth: 'off',
  reauthRequired: [],
  lastCheckAt: '2026-11-25T12:00:00.000Z',
  failing: [],
};

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ destination }), lines };
}

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(
  health: () => Promise<HealthReport>,
  renderMetrics = () =>
    Promise.resolve({ contentType: 'text/plain; version=0.0.4', body: 'm 1\n' }),
) {
  const { logger, lines } = captureLogger();
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    checkHealth: health,
    renderMetrics,
  });
  servers.push(server);
  return { server, lines, url: (path: string) => `http://127.0.0.1:${server.port}${path}` };
}

describe('startHttpServer', () => {
  it('listens on a free port and logs it', async () => {
    const { server, lines } = await start(() => Promise.resolve(okReport));
    expect(server.port).toBeGreaterThan(0);
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'http_listening', port: server.port, host: '127.0.0.1' }),
    );
  });

  it('GET /healthz: 200 with the report when healthy, 503 naming the failing part otherwise', async () => {
    let report = okReport;
    const { url } = await start(() => Promise.resolve(report));
    const ok = await fetch(url('/healthz'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.json()).toEqual(okReport);

    report = { ...okReport, status: 'failing', imap: 'disconnected', failing: ['imap'] };
    const failing = await fetch(url('/healthz?verbose=1'));
    expect(failing.status).toBe(503);
    expect(await failing.json()).toMatchObject({ imap: 'disconnected', failing: ['imap'] });
  });

  it('GET /metrics: the rendered text with its content type', async () => {
    const { url } = await start(() => Promise.resolve(okReport));
    const response = await fetch(url('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(await response.text()).toBe('m 1\n');
  });

  it('HEAD /healthz and /metrics: the status and type, no body', async () => {
    const { url } = await start(() => Promise.resolve(okReport));
    const health = await fetch(url('/healthz'), { method: 'HEAD' });
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json');
    expect(await health.text()).toBe('');
    const metrics = await fetch(url('/metrics'), { method: 'HEAD' });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4');
  });

  it('unknown routes answer 404 with the list of routes; every answer is no-store', async () => {
    const { url } = await start(() => Promise.resolve(okReport));
    const response = await fetch(url('/nothing'));
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'not found',
      routes: ['/healthz', '/metrics'],
    });
    expect((await fetch(url('/metrics'))).headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['GET', '/'],
    ['GET', '/health'],
    ['POST', '/healthz'],
    ['DELETE', '/metrics'],
  ])('%s %s: 404', async (method, path) => {
    const { url } = await start(() => Promise.resolve(okReport));
    const response = await fetch(url(path), { method });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('answers 500 and logs when a check throws, and keeps serving', async () => {
    let fail = true;
    const { url, lines } = await start(() =>
      fail ? Promise.reject(new Error('boom')) : Promise.resolve(okReport),
    );
    const broken = await fetch(url('/healthz'));
    expect(broken.status).toBe(500);
    await broken.body?.cancel();
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'http_failed', code: 'INTERNAL', path: '/healthz' }),
    );
    fail = false;
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });

  it('fails with HTTP_LISTEN_FAILED when the port is taken', async () => {
    const { server } = await start(() => Promise.resolve(okReport));
    const { logger } = captureLogger();
    await expect(
      startHttpServer({
        host: '127.0.0.1',
        port: server.port,
        logger,
        checkHealth: () => Promise.resolve(okReport),
        renderMetrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
      }),
    ).rejects.toMatchObject({ code: 'HTTP_LISTEN_FAILED' });
  });

  it('close() stops listening even with a keep-alive connection open', async () => {
    const { server, url } = await start(() => Promise.resolve(okReport));
    const response = await fetch(url('/healthz'));
    await response.json();
    servers.splice(servers.indexOf(server), 1);
    await server.close();
    await expect(fetch(url('/healthz'))).rejects.toThrow();
  });
});

describe('startHttpServer: /status and /status.json', () => {
  const token = 'a-status-token-of-some-length';
  const view = buildStatusView(makeStatusSnapshot(), snapshotAt);

  async function startStatus(host: string, currentToken: () => string | null) {
    const { logger } = captureLogger();
    const server = await startHttpServer({
      host,
      port: 0,
      logger,
      checkHealth: () => Promise.resolve(okReport),
      renderMetrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
      statusPage: { token: currentToken, readView: () => Promise.resolve(view) },
    });
    servers.push(server);
    // Bound to every address or to loopback, it is reached on 127.0.0.1 either way.
    return (path: string, init?: RequestInit) =>
      fetch(`http://127.0.0.1:${server.port}${path}`, init);
  }

  it('refuses to start on a non-loopback address without a token (CONFIG_INVALID)', async () => {
    const { logger } = captureLogger();
    await expect(
      startHttpServer({
        host: '0.0.0.0',
        port: 0,
        logger,
        checkHealth: () => Promise.resolve(okReport),
        renderMetrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
        statusPage: { token: () => null, readView: () => Promise.resolve(view) },
      }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('http.token is required') as unknown,
    });
  });

  it('on 0.0.0.0: 401 and nothing else without the token or with a wrong one; 200 with it as a bearer or ?token=', async () => {
    const get = await startStatus('0.0.0.0', () => token);
    for (const [path, init] of [
      ['/status', undefined],
      ['/status.json', undefined],
      ['/status?token=wrong-token-wrong-token', undefined],
      ['/status.json', { headers: { authorization: 'Bearer wrong-token-wrong-token' } }],
      ['/status', { headers: { authorization: `Basic ${token}` } }],
      [`/status?token=${token.slice(0, -1)}`, undefined],
    ] as const) {
      const response = await get(path, init);
      expect(response.status, `${path} ${JSON.stringify(init)}`).toBe(401);
      expect(await response.text()).toBe('');
      expect(response.headers.get('content-type')).toBeNull();
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    const bearer = await get('/status', { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await bearer.text()).toContain('offhours <span>for Dana Reyes</span>');
    const query = await get(`/status?token=${encodeURIComponent(token)}`);
    expect(query.status).toBe(200);
    await query.body?.cancel();
    const json = await get(`/status.json?token=${token}`);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual(JSON.parse(JSON.stringify(view)));
    // Health and metrics stay open for Docker and Prometheus.
    expect((await get('/healthz')).status).toBe(200);
  });

  it('a new token applies at once (read at each request)', async () => {
    let current = token;
    const get = await startStatus('0.0.0.0', () => current);
    expect((await get(`/status.json?token=${token}`)).status).toBe(200);
    current = 'the-next-token-after-a-reload';
    expect((await get(`/status.json?token=${token}`)).status).toBe(401);
    expect((await get(`/status.json?token=${current}`)).status).toBe(200);
  });

  it('on loopback without a token: open; with one: asked for', async () => {
    const open = await startStatus('127.0.0.1', () => null);
    expect((await open('/status.json')).status).toBe(200);
    const guarded = await startStatus('127.0.0.1', () => token);
    expect((await guarded('/status.json')).status).toBe(401);
    expect(
      (await guarded('/status.json', { headers: { authorization: `bearer ${token}` } })).status,
    ).toBe(200);
  });

  it('serves the page with a CSP whose nonce is the one its script and style carry', async () => {
    const get = await startStatus('127.0.0.1', () => null);
    const first = await get('/status');
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const html = await first.text();
    expect(html).toContain(`<script nonce="${nonce ?? ''}">`);
    expect(html).toContain(`<style nonce="${nonce ?? ''}">`);
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const second = await get('/status');
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    await second.body?.cancel();
    const head = await get('/status', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const missing = await get('/nothing');
    expect(await missing.json()).toEqual({
      status: 'not found',
      routes: ['/healthz', '/metrics', '/status', '/status.json'],
    });
  });
});
