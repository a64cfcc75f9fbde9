import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply } from 'fastify';
import { OffhoursError } from '../errors/offhours-error.js';
import type { HealthReport } from './check-health.js';
import type { Logger } from './create-logger.js';

export interface HttpServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the bound one is logged and returned. */
  readonly port: number;
  readonly logger: Logger;
  readonly checkHealth: () => Promise<HealthReport>;
  readonly renderMetrics: () => Promise<{ contentType: string; body: string }>;
}

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

const routes = ['/healthz', '/metrics'];

/**
 * The daemon's HTTP server, on fastify: GET /healthz (200 or 503 with a JSON report, for
 * Docker, systemd watchdogs and load balancers) and GET /metrics (Prometheus text); HEAD
 * too. Anything else is 404 with the list of routes. A handler that throws answers 500 and
 * is logged (`http_failed`); the server keeps serving.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
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
  app.setNotFoundHandler((_request, reply) =>
    sendJson(reply, 404, { status: 'not found', routes }),
  );
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    // fastify's own 4xx (a malformed URL, say) are the client's fault, not ours.
    if (status >= 400 && status < 500) return sendJson(reply, status, { status: 'bad request' });
    options.logger.error(
      { event: 'http_failed', code: 'INTERNAL', path: request.url, err: error },
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
    `health and metrics on http://${options.host}:${port}/healthz and /metrics`,
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
