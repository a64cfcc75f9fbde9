import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/triage/decide.js';
import { listCorrespondents } from '../../../src/triage/list-correspondents.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import { makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from './make-facts.js';

const config = makeTriageConfig();
// Every unmatched sender is Acme's here, the VA's and the backups' own mail too.
const catchAll = makeTriageConfig({ unknownSenders: 'acme' });
// Wednesday 25 November 2026, 15:00 UTC: inside Acme's New York hours.
const at = new Date('2026-11-25T15:00:00Z');

function sightings(facts: MessageFacts, rules = config) {
  return listCorrespondents([{ facts, decision: decide(facts, rules, at), at }], rules);
}

describe('listCorrespondents', () => {
  it.each<
    [
      name: string,
      facts: MessageFacts,
      expected: { clientId: string; address: string }[],
      rules?: typeof config,
    ]
  >([
    [
      'a client’s person, any case: noted under the client',
      makeFacts({ from: { address: 'Olivia.Park@ACME.example', name: 'Olivia' } }),
      [{ clientId: 'acme', address: 'olivia.park@acme.example' }],
    ],
    [
      'a mailing list is a robot: not noted',
      makeFacts({ headers: { 'list-id': ['<news.acme.example>'] } }),
      [],
    ],
    [
      'a system sender is a robot: not noted',
      makeFacts({ from: { address: 'noreply@acme.example', name: '' } }),
      [],
    ],
    [
      'a sender no client matches: not noted',
      makeFacts({ from: { address: 'someone@elsewhere.example', name: '' } }),
      [],
    ],
    [
      'a stranger under unknownSenders: noted under that client',
      makeFacts({ from: { address: 'someone@elsewhere.example', name: '' } }),
      [{ clientId: 'acme', address: 'someone@elsewhere.example' }],
      catchAll,
    ],
    [
      'the VA herself, though her mail falls to a client: not noted',
      makeFacts({ from: { address: 'dana@studio.example', name: '' } }),
      [],
      catchAll,
    ],
    [
      'a backup, though their mail falls to a client: not noted',
      makeFacts({ from: { address: 'sam@studio.example', name: '' } }),
      [],
      catchAll,
    ],
  ])('%s', (_name, facts, expected, rules) => {
    expect(sightings(facts, rules)).toEqual(expected.map((entry) => ({ ...entry, at })));
  });
});
