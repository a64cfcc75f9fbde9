import { normalizeAddress, normalizeDomain } from './normalize-address.js';

/**
 * Whether an address is on a list of addresses and domains (autoReply.alwaysReplyTo,
 * neverReplyTo). An entry with an '@' is one address; an entry without is a domain, and its
 * subdomains match too. Both sides in normalizeAddress's form, so Unicode and punycode
 * spellings of a domain are one entry.
 */
export function matchesAddressList(address: string, entries: readonly string[]): boolean {
  if (address === '' || entries.length === 0) return false;
  const normal = normalizeAddress(address);
  const at = normal.lastIndexOf('@');
  const domain = at === -1 ? '' : normal.slice(at + 1);
  return entries.some((entry) => {
    if (entry.includes('@')) return normalizeAddress(entry) === normal;
    const listed = normalizeDomain(entry);
    return listed !== '' && (domain === listed || domain.endsWith(`.${listed}`));
  });
}
