import { isFeedUrl } from './check-feed-url.js';
import { isSecretPath, type ConfigSource } from './config-source.js';
import { describeFeedUrl } from './describe-feed-url.js';

function readAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      node !== null && typeof node === 'object'
        ? (node as Record<PropertyKey, unknown>)[segment]
        : undefined,
    data,
  );
}

/** The value at `path` in `source`'s data (after ${VAR} substitution), undefined when absent. */
export function readConfigValue(source: ConfigSource, path: readonly PropertyKey[]): unknown {
  return readAt(source.data, path);
}

/**
 * The value at `path` quoted for a message ("'13:30-1700'"), or 'the value' when it is a
 * password or came from the environment, so no message can leak a secret (a calendar feed's
 * address is shown as describeFeedUrl shows it).
 */
export function showConfigValue(source: ConfigSource, path: readonly PropertyKey[]): string {
  if (isSecretPath(source, path)) return 'the value';
  const value = readAt(source.data, path);
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return 'a mapping';
  }
  const text = String(value);
  // A feed address may carry its secret (Google's private-… path, a login): shown without it.
  if (path[path.length - 1] === 'ics' && isFeedUrl(text)) return `'${describeFeedUrl(text)}'`;
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}
