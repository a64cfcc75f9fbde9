import { describe, expect, it } from 'vitest';
import { matchClient } from '../../../src/triage/match-client.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import type { ClientRules, TriageConfig } from '../../../src/triage/triage-config.js';

function makeClient(id: string, addresses: string[], domains: string[]): ClientRules {
  return {
    id,
    name: id,
    file: `clients/${id}.yaml`,
    match: { addresses, domains },
    schedule: { timeZone: 'Europe/Berlin', hours: {}, checkIns: [], daysOff: [] },
    emergency: { keywords: [], senders: [], automated: false },
    autoReply: {
      enabled: true,
      subject: 'Auto: {{subject}}',
      body: 'body',
      emergencyBody: 'emergency',
      oncePerSeconds: 86_400,
      checkRecipient: true,
      alwaysReplyTo: [],
      neverReplyTo: [],
    },
    replyWithinSeconds: null,
    announce: null,
  };
}

function makeConfig(clients: ClientRules[], unknownSenders: string): TriageConfig {
  return {
    assistant: {
      name: 'Dana',
      addresses: ['dana@studio.example'],
      timeZone: 'Europe/Berlin',
      authservIds: [],
    },
    onCall: {
      backups: [],
      rotation: { every: 'week', startsAt: '2026-01-05T09:00', timeZone: 'Europe/Berlin' },
      overrides: [],
    },
    unknownSenders,
    clients,
  };
}

const acme = makeClient('acme', ['olivia.park@acme.example'], ['acme.example']);
const bloom = makeClient('bloom', ['marco@acme.example', 'MARCO@Bloom.example'], ['bloom.example']);
const acmeLabs = makeClient('acme-labs', [], ['labs.acme.example']);
const catchAll = makeClient('everyone', [], ['*']);

const specific = makeConfig([acme, bloom, acmeLabs], 'ignore');
const defaulted = makeConfig([acme, bloom, acmeLabs], 'bloom');
const withAny = makeConfig([acme, bloom, acmeLabs, catchAll], 'ignore');

describe('matchClient', () => {
  it.each<[string, string | null, TriageConfig, string | null, ReasonCode]>([
    ['exact address', 'olivia.park@acme.example', specific, 'acme', 'CLIENT_MATCHED_ADDRESS'],
    [
      'address beats another client’s domain',
      'marco@acme.example',
      specific,
      'bloom',
      'CLIENT_MATCHED_ADDRESS',
    ],
    [
      'address in config is compared case-insensitively',
      'marco@bloom.example',
      specific,
      'bloom',
      'CLIENT_MATCHED_ADDRESS',
    ],
    [
      'sender is compared case-insensitively',
      ' Olivia.Park@ACME.example ',
      specific,
      'acme',
      'CLIENT_MATCHED_ADDRESS',
    ],
    ['domain', 'jo@acme.example', specific, 'acme', 'CLIENT_MATCHED_DOMAIN'],
    [
      'subdomain matches its parent',
      'jo@a.b.acme.example',
      specific,
      'acme',
      'CLIENT_MATCHED_DOMAIN',
    ],
    ['longest domain wins', 'jo@labs.acme.example', specific, 'acme-labs', 'CLIENT_MATCHED_DOMAIN'],
    [
      'longest domain wins for its subdomains',
      'jo@x.labs.acme.example',
      specific,
      'acme-labs',
      'CLIENT_MATCHED_DOMAIN',
    ],
    ['upper-case domain', 'JO@BLOOM.EXAMPLE', specific, 'bloom', 'CLIENT_MATCHED_DOMAIN'],
    [
      'a lookalike domain is not a subdomain',
      'jo@notacme.example',
      specific,
      null,
      'CLIENT_UNKNOWN_IGNORED',
    ],
    [
      'a parent of a listed domain does not match',
      'jo@example',
      specific,
      null,
      'CLIENT_UNKNOWN_IGNORED',
    ],
    ['unknown sender, ignore', 'x@other.example', specific, null, 'CLIENT_UNKNOWN_IGNORED'],
    [
      'unknown sender, defaulted',
      'x@other.example',
      defaulted,
      'bloom',
      'CLIENT_UNKNOWN_DEFAULTED',
    ],
    ['"*" matches unknown senders', 'x@other.example', withAny, 'everyone', 'CLIENT_MATCHED_ANY'],
    ['a domain beats "*"', 'x@bloom.example', withAny, 'bloom', 'CLIENT_MATCHED_DOMAIN'],
    [
      'an address without a domain falls through',
      'mailer-daemon',
      withAny,
      'everyone',
      'CLIENT_MATCHED_ANY',
    ],
    ['null sender', null, withAny, null, 'NO_SENDER'],
    ['empty sender', '  ', withAny, null, 'NO_SENDER'],
  ])('%s', (_name, sender, config, clientId, reason) => {
    const match = matchClient(sender, config);
    expect({ clientId: match.client?.id ?? null, reason: match.reason }).toEqual({
      clientId,
      reason,
    });
  });

  it('the first client listed wins when two list the same domain', () => {
    const config = makeConfig([makeClient('first', [], ['acme.example']), acme], 'ignore');
    expect(matchClient('jo@acme.example', config).client?.id).toBe('first');
  });
});
