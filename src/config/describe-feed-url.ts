/** A path segment that carries a token: a run of 16 or more letters and digits, digits among them. */
const tokenPattern = /(?=[A-Za-z]*\d)[A-Za-z0-9]{16,}/;

/**
 * A calendar feed's address as logs, `check` and `status` show it. Google's secret iCal
 * address and Outlook's published calendars carry their secret in the path
 * (`private-0123…`, a long token), so such segments become `…`, and a query becomes `?…`:
 * the VA recognises the feed, a log reader cannot subscribe to it.
 */
export function describeFeedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return '(not a URL)';
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (/^private-/i.test(segment) || tokenPattern.test(segment) ? '…' : segment))
    .join('/');
  return `${url.protocol}//${url.host}${path}${url.search === '' ? '' : '?…'}`;
}
