import { checkFeedUrl } from '../config/check-feed-url.js';
import { describeFeedUrl } from '../config/describe-feed-url.js';
import { OffhoursError } from '../errors/offhours-error.js';

/** What the last good copy of a feed was served with, for a conditional request. */
export interface FeedValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type FeedFetch =
  /** 304: the copy offhours has is still the feed. */
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'fetched';
      readonly text: string;
      readonly etag: string | null;
      readonly lastModified: string | null;
    };

export interface FeedLimits {
  /** For the whole fetch, redirects and body included. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

export const feedLimits: FeedLimits = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a calendar feed once: a conditional GET (If-None-Match, If-Modified-Since) when a
 * copy exists, redirects followed by hand so each hop is checked (https only; plain http
 * only from a loopback http feed to loopback), the body read up to `maxBytes` (decompressed)
 * and everything within `timeoutMs`. Throws CALENDAR_UNREACHABLE when the server cannot be
 * reached, times out, or answers other than 200 or 304, and CALENDAR_INVALID when the feed
 * is too large or redirects where offhours does not follow. Messages name the feed as
 * describeFeedUrl shows it, never its secret.
 */
export async function fetchCalendarFeed(
  url: string,
  validators: FeedValidators,
  limits: FeedLimits = feedLimits,
): Promise<FeedFetch> {
  const shown = describeFeedUrl(url);
  const fail = (
    code: 'CALENDAR_UNREACHABLE' | 'CALENDAR_INVALID',
    reason: string,
    cause?: unknown,
  ) =>
    new OffhoursError(code, `calendar feed ${shown}: ${reason}`, {
      ...(cause === undefined ? {} : { cause }),
      details: { url: shown },
    });
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const headers: Record<string, string> = {
    accept: 'text/calendar, */*;q=0.5',
    'user-agent': 'offhours (calendar feed of days off)',
  };
  if (validators.etag !== null) headers['if-none-match'] = validators.etag;
  if (validators.lastModified !== null) headers['if-modified-since'] = validators.lastModified;

  let current = new URL(url);
  const first = current;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(current, { headers, redirect: 'manual', signal });
      if (redirectStatuses.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null)
          throw fail('CALENDAR_UNREACHABLE', `answered ${response.status} without a Location`);
        if (hop >= limits.maxRedirects)
          throw fail('CALENDAR_UNREACHABLE', `more than ${limits.maxRedirects} redirects`);
        const next = new URL(location, current);
        const refused = checkFeedUrl(next.href, first);
        if (refused !== null)
          throw fail(
            'CALENDAR_INVALID',
            `redirects to ${describeFeedUrl(next.href)}, which ${refused}`,
          );
        current = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw fail(
          'CALENDAR_UNREACHABLE',
          `answered ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`,
        );
      }
      const text = await readLimited(response, limits.maxBytes, () =>
        fail('CALENDAR_INVALID', `is larger than ${formatBytes(limits.maxBytes)}: refused`),
      );
      return {
        kind: 'fetched',
        text,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  } catch (error) {
    if (error instanceof OffhoursError) throw error;
    if (signal.aborted)
      throw fail('CALENDAR_UNREACHABLE', `no answer within ${limits.timeoutMs / 1000} s`, error);
    throw fail('CALENDAR_UNREACHABLE', `cannot be reached (${describeNetworkError(error)})`, error);
  }
}

async function readLimited(
  response: Response,
  maxBytes: number,
  tooLarge: () => OffhoursError,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/** fetch() wraps the socket error: its code (ECONNREFUSED, ENOTFOUND) says what happened. */
function describeNetworkError(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code: unknown =
    typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  // undici's own codes (UND_ERR_SOCKET...) mean little to a person; its message says it.
  if (typeof code === 'string' && !code.startsWith('UND_ERR')) return code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
