/** `ics:` values written as a URL (any scheme, so `ftp://` is refused rather than read as a path). */
const urlPattern = /^[a-z][a-z0-9+.-]*:\/\//i;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when an `ics:` value is a URL (a calendar feed) rather than a file path. */
export function isFeedUrl(text: string): boolean {
  return urlPattern.test(text.trim());
}

/** True for a URL on this machine's loopback interface (127.0.0.1, localhost, [::1]). */
export function isLoopbackUrl(url: URL): boolean {
  return loopbackHosts.has(url.hostname.toLowerCase());
}

/**
 * Why offhours will not fetch a calendar from `text`, or null when it may: only https. Plain
 * http is allowed on a loopback host only (a calendar server on this machine, the tests),
 * and, for a redirect, only when the feed itself was such a loopback http URL: a remote
 * https feed can never send offhours to a plain-http or local address.
 */
export function checkFeedUrl(text: string, redirectedFrom?: URL): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'is not a URL';
  }
  if (url.username !== '' || url.password !== '')
    return 'carries a user name or password: calendar feeds are read without a login';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return `is ${url.protocol.slice(0, -1)}: only https is fetched`;
  const loopback = isLoopbackUrl(url);
  if (redirectedFrom !== undefined) {
    return loopback && redirectedFrom.protocol === 'http:' && isLoopbackUrl(redirectedFrom)
      ? null
      : 'is plain http: redirects are followed only to https';
  }
  return loopback
    ? null
    : 'is plain http: only https is fetched (http only on 127.0.0.1 or localhost)';
}
