import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { isLoopbackHost } from '../config/is-loopback-host.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { renderStatusPage } from '../status/render-status-page.js';
import type { StatusView } from '../status/status-view.js';
import type { HealthReport } from './check-health.js';
import type { Logger } from './create-logger.js';

export interface HttpServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the bound one is logged and returned. */
  readonly port: number;
  readonly logger: Logger;
  readonly checkHealth: () => Promise<HealthReport>;
  readonly renderMetrics: () => Promise<{ contentType: string; body: string }>;
  /** GET /status and /status.json; absent: not served. */
  readonly statusPage?: StatusPageOptions;
}

export interface StatusPageOptions {
  /** `http.token`, read at each request so a reload's new token applies at once; null: none. */
  readonly token: () => string | null;
  /** What the page shows now (gathered and built anew for each request). */
  readonly readView: () => Promise<StatusView>;
}

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The daemon's HTTP server, on fastify: GET /healthz (200 or 503 with a JSON report, for
 * Docker, systemd watchdogs and load balancers), GET /metrics (Prometheus text) and, with
 * `statusPage`, GET /status (the VA's page, HTML) and /status.json (the same as data); HEAD
 * too. The status routes ask for `http.token` (Authorization: Bearer, or ?token=) whenever
 * one is set, and a server on an address other than loopback refuses to start without one;
 * a missing or wrong token gets a bare 401. Anything else is 404 with the list of routes. A
 * handler that throws answers 500 and is logged (`http_failed`); the server keeps serving.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const statusPage = options.statusPage;
  const loopback = isLoopbackHost(options.host);
  if (statusPage !== undefined && !loopback && statusPage.token() === null)
    throw new OffhoursError(
      'CONFIG_INVALID',
      `http.token is required when http.host (${options.host}) is not a loopback address: the status page shows your clients' mail`,
    );
  const routes = [
    '/healthz',
    '/metrics',
    ...(statusPage === undefined ? [] : ['/status', '/status.json']),
  ];
  const app = Fastify({
    logger: false,
    // A scraper's idle keep-alive socket must not hold up shutdown: close() ends idle ones.
    keepAliveTimeout: 5_000,
    forceCloseConnections: 'idle',
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.get('/healthz', async (_request, reply) => {
    const report = await options.checkHealth();
    return sendJson(reply, report.status === 'ok' ? 200 : 503, report);
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await options.renderMetrics();
    return reply.code(200).header('content-type', contentType).send(body);
  });
  if (statusPage !== undefined) {
    const isAllowed = (request: FastifyRequest): boolean => {
      const token = statusPage.token();
      if (token === null) return loopback;
      const given = readToken(request);
      return given !== null && isSameSecret(given, token);
    };
    // Nothing but the status: no body, no hint which part was wrong.
    const refuse = (reply: FastifyReply): FastifyReply =>
      reply.code(401).header('www-authenticate', 'Bearer').send();
    app.get('/status.json', async (request, reply) => {
      if (!isAllowed(request)) return refuse(reply);
      return sendJson(reply, 200, await statusPage.readView());
    });
    app.get('/status', async (request, reply) => {
      if (!isAllowed(request)) return refuse(reply);
      const view = await statusPage.readView();
      const nonce = randomBytes(16).toString('base64');
      return reply
        .code(200)
        .header('content-type', 'text/html; charset=utf-8')
        .header(
          'content-security-policy',
          `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        )
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        .send(renderStatusPage(view, { nonce }));
    });
  }
  app.setNotFoundHandler((_request, reply) =>
    sendJson(reply, 404, { status: 'not found', routes }),
  );
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    // fastify's own 4xx (a malformed URL, say) are the client's fault, not ours.
    if (status >= 400 && status < 500) return sendJson(reply, status, { status: 'bad request' });
    options.logger.error(
      // The path only: a query may hold the token.
      { event: 'http_failed', code: 'INTERNAL', path: request.url.split('?')[0], err: error },
      'HTTP request failed',
    );
    return sendJson(reply, 500, { status: 'error' });
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw new OffhoursError(
      'HTTP_LISTEN_FAILED',
      `cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const port = (app.server.address() as AddressInfo).port;
  options.logger.info(
    { event: 'http_listening', host: options.host, port },
    statusPage === undefined
      ? `health and metrics on http://${options.host}:${port}/healthz and /metrics`
      : `status page on http://${options.host}:${port}/status, health and metrics on /healthz and /metrics`,
  );
  return { port, close: () => app.close() };
}

function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  // A Buffer is sent as it is: given a string, fastify would add a charset to the type.
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(Buffer.from(`${JSON.stringify(value)}\n`));
}

/** The token of a request: `Authorization: Bearer …`, else `?token=…`; null when neither. */
function readToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const bearer = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined && bearer !== null) return bearer;
  const query: unknown = request.query;
  const token: unknown =
    typeof query === 'object' && query !== null ? Reflect.get(query, 'token') : undefined;
  return typeof token === 'string' && token !== '' ? token : null;
}

/** Compared in constant time (as digests, so lengths do not leak either). */
function isSameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
