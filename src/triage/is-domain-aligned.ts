import { getDomain } from 'tldts';
import { normalizeDomain } from './normalize-address.js';

/**
 * DMARC's relaxed alignment (RFC 7489 3.1): two domains are aligned when they share an
 * organizational domain, the registrable domain under a public suffix of the Public Suffix
 * List. Private suffixes count as public (`a.herokuapp.com` and `b.herokuapp.com` belong to
 * different people), so shared hosting never aligns strangers. A name the list cannot place
 * (a single label, an address literal) is its own organizational domain.
 */
export function isDomainAligned(first: string, second: string): boolean {
  const a = findOrganizationalDomain(first);
  const b = findOrganizationalDomain(second);
  return a !== '' && a === b;
}

function findOrganizationalDomain(domain: string): string {
  const normal = normalizeDomain(domain);
  return getDomain(normal, { allowPrivateDomains: true }) ?? normal;
}
