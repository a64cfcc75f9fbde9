import punycode from 'punycode.js';

/**
 * The one normal form of a domain on both sides of every comparison (config and message):
 * Unicode compatibility-normalised (NFKC, so full-width letters are letters), lower-cased,
 * each non-ASCII label as punycode (`bücher.example` and `xn--bcher-kva.example` are one
 * domain), without a trailing dot. A domain that cannot be encoded is kept lower-cased.
 */
export function normalizeDomain(domain: string): string {
  const lower = domain.trim().normalize('NFKC').toLowerCase().replace(/\.$/, '');
  if (!/[^ -~]/.test(lower)) return lower;
  try {
    return punycode.toASCII(lower);
  } catch {
    return lower;
  }
}

/**
 * The one normal form of an address: the local part NFC-normalised and lower-cased (RFC 6532
 * allows UTF-8 there; offhours has always compared addresses case-insensitively), the domain
 * as normalizeDomain gives it. Trims; '' stays ''.
 */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at === -1) return trimmed.normalize('NFC').toLowerCase();
  const localPart = trimmed.slice(0, at).normalize('NFC').toLowerCase();
  return `${localPart}@${normalizeDomain(trimmed.slice(at + 1))}`;
}
