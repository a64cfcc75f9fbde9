import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OffhoursError } from '../errors/offhours-error.js';
import type { HealthReport } from './check-health.js';
import type { Logger } from './create-logger.js';

export interface HealthServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); the bound one is logged and returned. */
  readonly port: number;
  readonly logger: Logger;
  readonly checkHealth: () => Promise<HealthReport>;
  readonly renderMetrics: () => Promise<{ contentType: string; body: string }>;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A plain node:http server with two routes: GET /healthz (200 or 503 with a JSON report, for
 * Docker, systemd watchdogs and load balancers) and GET /metrics (Prometheus text). Anything
 * else is 404. No framework: two routes do not need one.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    route(request, options).then(
      (answer) => send(response, answer),
      (error: unknown) => {
        options.logger.error(
          { event: 'http_failed', code: 'INTERNAL', path: request.url, err: error },
          'HTTP request failed',
        );
        send(response, json(500, { status: 'error' }));
      },
    );
  });
  // A scraper's idle keep-alive socket must not hold up shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new OffhoursError(
          'HTTP_LISTEN_FAILED',
          `cannot listen on ${options.host}:${options.port}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info(
    { event: 'http_listening', host: options.host, port },
    `health and metrics on http://${options.host}:${port}/healthz and /metrics`,
  );
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      }),
  };
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

async function route(request: IncomingMessage, options: HealthServerOptions): Promise<Answer> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (isRead && path === '/healthz') {
    const report = await options.checkHealth();
    return json(report.status === 'ok' ? 200 : 503, report);
  }
  if (isRead && path === '/metrics') {
    const { contentType, body } = await options.renderMetrics();
    return { status: 200, contentType, body };
  }
  return json(404, { status: 'not found', routes: ['/healthz', '/metrics'] });
}

function json(status: number, value: unknown): Answer {
  return { status, contentType: 'application/json', body: `${JSON.stringify(value)}\n` };
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, {
    'content-type': answer.contentType,
    'cache-control': 'no-store',
  });
  response.end(answer.body);
}
