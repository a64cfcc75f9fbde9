import { normalizeAddress, normalizeDomain } from './normalize-address.js';
import type { ReasonCode } from './reason-codes.js';
import type { ClientRules, TriageConfig } from './triage-config.js';

export interface ClientMatch {
  readonly client: ClientRules | null;
  readonly reason: ReasonCode;
}

interface ClientIndex {
  readonly byAddress: ReadonlyMap<string, ClientRules>;
  readonly byDomain: ReadonlyMap<string, ClientRules>;
  readonly anySender: ClientRules | null;
}

/** Built once per loaded config, so matching costs a few map lookups per message. */
const indexCache = new WeakMap<TriageConfig, ClientIndex>();

/**
 * The client whose rules apply to a sender. An exact address wins over every domain (of any
 * client), the longest matching domain wins over shorter ones (subdomains match their
 * parents), then a '*' client, then `unknownSenders`. Ties go to the client listed first.
 * Both sides are compared in normalizeAddress's form: any case, and a domain written in
 * Unicode matches its punycode spelling and back.
 */
export function matchClient(sender: string | null, config: TriageConfig): ClientMatch {
  const address = normalizeAddress(sender ?? '');
  if (address === '') {
    return { client: null, reason: 'NO_SENDER' };
  }
  const index = getIndex(config);
  const byAddress = index.byAddress.get(address);
  if (byAddress !== undefined) {
    return { client: byAddress, reason: 'CLIENT_MATCHED_ADDRESS' };
  }
  const byDomain = findByDomain(index, address);
  if (byDomain !== null) {
    return { client: byDomain, reason: 'CLIENT_MATCHED_DOMAIN' };
  }
  if (index.anySender !== null) {
    return { client: index.anySender, reason: 'CLIENT_MATCHED_ANY' };
  }
  // The config loader guarantees unknownSenders names a client; an id that does not resolve
  // is treated like 'ignore' rather than guessed at.
  const fallback = config.clients.find((client) => client.id === config.unknownSenders);
  if (config.unknownSenders === 'ignore' || fallback === undefined) {
    return { client: null, reason: 'CLIENT_UNKNOWN_IGNORED' };
  }
  return { client: fallback, reason: 'CLIENT_UNKNOWN_DEFAULTED' };
}

/** Walks from the full domain up to its parents, so the first hit is the longest match. */
function findByDomain(index: ClientIndex, address: string): ClientRules | null {
  const at = address.lastIndexOf('@');
  let domain = at === -1 ? '' : address.slice(at + 1);
  while (domain !== '') {
    const client = index.byDomain.get(domain);
    if (client !== undefined) {
      return client;
    }
    const dot = domain.indexOf('.');
    domain = dot === -1 ? '' : domain.slice(dot + 1);
  }
  return null;
}

function getIndex(config: TriageConfig): ClientIndex {
  const cached = indexCache.get(config);
  if (cached !== undefined) {
    return cached;
  }
  const index = buildIndex(config.clients);
  indexCache.set(config, index);
  return index;
}

function buildIndex(clients: readonly ClientRules[]): ClientIndex {
  const byAddress = new Map<string, ClientRules>();
  const byDomain = new Map<string, ClientRules>();
  let anySender: ClientRules | null = null;
  for (const client of clients) {
    for (const address of client.match.addresses) {
      addFirst(byAddress, normalizeAddress(address), client);
    }
    for (const domain of client.match.domains) {
      const key = domain.trim() === '*' ? '*' : normalizeDomain(domain);
      if (key === '*') {
        anySender ??= client;
      } else {
        addFirst(byDomain, key, client);
      }
    }
  }
  return { byAddress, byDomain, anySender };
}

function addFirst(map: Map<string, ClientRules>, key: string, client: ClientRules): void {
  if (key !== '' && !map.has(key)) {
    map.set(key, client);
  }
}
