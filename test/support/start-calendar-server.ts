/**
 * A calendar feed server on loopback for tests: serves an ICS text with an ETag and a
 * Last-Modified (answering 304 to a matching conditional request), or misbehaves on demand:
 * down (503), a page that is no calendar, a feed over 5 MB (declared or streamed), a
 * redirect, or no answer at all. Every request is recorded, and tests can wait for the next.
 */
import { createHash } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnFreePort } from '../../src/sandbox/listen-on-free-port.js';

export type CalendarServerMode =
  | { kind: 'serve' }
  | { kind: 'down' }
  | { kind: 'malformed' }
  | { kind: 'oversized'; declared: boolean }
  | { kind: 'redirect'; to: string }
  | { kind: 'hang' };

export interface FeedRequest {
  readonly path: string;
  readonly ifNoneMatch: string | null;
  readonly ifModifiedSince: string | null;
  readonly status: number | null;
}

export interface CalendarServer {
  readonly url: (path?: string) => string;
  readonly requests: FeedRequest[];
  /** The text served in 'serve' mode; its ETag follows its content. */
  setCalendar(text: string): void;
  setMode(mode: CalendarServerMode): void;
  /** Resolves once `count` more requests have been answered (or, for 'hang', received). */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

const modifiedAt = 'Tue, 01 Dec 2026 10:00:00 GMT';

export async function startCalendarServer(): Promise<CalendarServer> {
  let text = '';
  let mode: CalendarServerMode = { kind: 'serve' };
  const requests: FeedRequest[] = [];
  const events = new EventEmitter();
  const hanging = new Set<ServerResponse>();
  const etagOf = () => `"${createHash('sha256').update(text).digest('hex').slice(0, 12)}"`;

  const server = createServer((request, response) => {
    const record = (status: number | null) => {
      requests.push({
        path: request.url ?? '',
        ifNoneMatch: request.headers['if-none-match'] ?? null,
        ifModifiedSince: request.headers['if-modified-since'] ?? null,
        status,
      });
      events.emit('request');
    };
    switch (mode.kind) {
      case 'serve': {
        if (request.headers['if-none-match'] === etagOf()) {
          response.writeHead(304, { etag: etagOf() }).end();
          record(304);
          return;
        }
        response
          .writeHead(200, {
            'content-type': 'text/calendar; charset=utf-8',
            etag: etagOf(),
            'last-modified': modifiedAt,
          })
          .end(text);
        record(200);
        return;
      }
      case 'down':
        response.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
        record(503);
        return;
      case 'malformed':
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Please sign in to see this calendar</body></html>');
        record(200);
        return;
      case 'oversized': {
        const chunk = 'X'.repeat(64 * 1024);
        const chunks = 6 * 16 + 1; // just over 6 MB
        response.writeHead(200, {
          'content-type': 'text/calendar',
          ...(mode.declared ? { 'content-length': String(chunk.length * chunks) } : {}),
        });
        response.write('BEGIN:VCALENDAR\r\n');
        let sent = 0;
        const pump = () => {
          while (sent < chunks && !response.destroyed) {
            sent += 1;
            if (!response.write(chunk)) {
              response.once('drain', pump);
              return;
            }
          }
          if (!response.destroyed) response.end();
        };
        response.on('close', () => record(200));
        pump();
        return;
      }
      case 'redirect':
        response.writeHead(302, { location: mode.to }).end();
        record(302);
        return;
      case 'hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        record(null);
        return;
      default: {
        const unknown: never = mode;
        throw new Error(`unknown mode ${String(unknown)}`);
      }
    }
  });
  const port = await listenOnFreePort(server, '127.0.0.1');
  return {
    url: (path = '/dana/time-off.ics') => `http://127.0.0.1:${port}${path}`,
    requests,
    setCalendar(next) {
      text = next;
    },
    setMode(next) {
      mode = next;
    },
    async waitForRequests(count) {
      const target = requests.length + count;
      while (requests.length < target) await once(events, 'request');
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
