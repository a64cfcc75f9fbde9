import type { MessageFacts } from './message-facts.js';
import { isDomainAligned } from './is-domain-aligned.js';
import { normalizeAddress } from './normalize-address.js';
import {
  readAuthenticationResults,
  type AuthenticationResults,
} from './read-authentication-results.js';

/** How the From address was found to be genuine, or null when it was not. */
export type SenderVerification = 'dmarc' | 'dkim' | 'return-path' | null;

/**
 * Whether the From address can be believed, from what the VA's own receiving server recorded.
 * In this order:
 * 1. The first (topmost, so most recent) Authentication-Results header stamped with one of
 *    `authservIds`: `dmarc=pass` for the From domain, or `dkim=pass` with a signing domain
 *    (header.d, else header.i) aligned with it, verifies the sender; `dmarc=fail` there
 *    refuses it whatever follows. Headers from any other authserv-id are ignored: anyone
 *    can write one.
 * 2. A Return-Path (the envelope sender the delivery agent recorded) aligned with the From
 *    domain, unless that same header says SPF failed for it.
 * Alignment is DMARC's relaxed alignment (organizational domains).
 */
export function assessSender(
  facts: MessageFacts,
  authservIds: readonly string[],
): SenderVerification {
  const from = normalizeAddress(facts.from?.address ?? '');
  const fromDomain = readDomain(from);
  if (fromDomain === '') return null;
  const stamped = findStampedResults(facts, authservIds);
  const results = stamped?.results ?? [];
  const verdict = (method: string) => results.filter((result) => result.method === method);

  const dmarc = verdict('dmarc');
  if (dmarc.some((result) => result.result === 'fail')) return null;
  if (
    dmarc.some(
      (result) =>
        result.result === 'pass' &&
        isSameDomainOrUnnamed(result.properties['header.from'], fromDomain),
    )
  ) {
    return 'dmarc';
  }
  if (
    verdict('dkim').some(
      (result) =>
        result.result === 'pass' &&
        isDomainAligned(readSigningDomain(result.properties), fromDomain),
    )
  ) {
    return 'dkim';
  }
  const returnPathDomain = readDomain(normalizeAddress(facts.returnPath ?? ''));
  const spfFailed = verdict('spf').some(
    (result) => result.result === 'fail' || result.result === 'softfail',
  );
  if (returnPathDomain !== '' && !spfFailed && isDomainAligned(returnPathDomain, fromDomain)) {
    return 'return-path';
  }
  return null;
}

function findStampedResults(
  facts: MessageFacts,
  authservIds: readonly string[],
): AuthenticationResults | null {
  if (authservIds.length === 0) return null;
  const trusted = new Set(authservIds.map((id) => id.trim().toLowerCase()));
  for (const value of facts.headers['authentication-results'] ?? []) {
    const parsed = readAuthenticationResults(value);
    if (trusted.has(parsed.authservId)) return parsed;
  }
  return null;
}

function readSigningDomain(properties: Readonly<Record<string, string>>): string {
  const domain = properties['header.d'];
  if (domain !== undefined && domain !== '') return domain;
  return readDomain(properties['header.i'] ?? '');
}

function isSameDomainOrUnnamed(domain: string | undefined, fromDomain: string): boolean {
  return domain === undefined || readDomain(normalizeAddress(`x@${domain}`)) === fromDomain;
}

function readDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1);
}
