import { describe, expect, it } from 'vitest';
import { findTemplateWarnings } from '../../../src/config/find-template-warnings.js';
import type { ClientRules } from '../../../src/triage/triage-config.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';

function acmeWith(body: string, emergency: Partial<ClientRules['emergency']>): ClientRules {
  const acme = makeAcme();
  return makeAcme({
    autoReply: { ...acme.autoReply, body },
    emergency: { ...acme.emergency, ...emergency },
  });
}

const config = makeTriageConfig();
const noBackups = makeTriageConfig({ onCall: { ...config.onCall, backups: [], overrides: [] } });

describe('findTemplateWarnings', () => {
  it.each<
    [name: string, body: string, emergency: Partial<ClientRules['emergency']>, warnings: RegExp[]]
  >([
    [
      '{{howToEscalate}} promises nothing by itself',
      'Back {{resumeAt}}.\n{{howToEscalate}}\n',
      {},
      [],
    ],
    [
      'URGENT promised to everyone while senders is set',
      'Reply with URGENT and {{backupName}} will help.',
      { keywords: ['urgent'], senders: ['ceo@acme.example'] },
      [/tells every sender to write "urgent", but only emergency.senders \(ceo@acme.example\)/],
    ],
    [
      'URGENT promised when anyone may raise one',
      'Reply with URGENT.',
      { keywords: ['urgent'], senders: [] },
      [],
    ],
    [
      'URGENT promised when it is not a keyword',
      'Reply with URGENT.',
      { keywords: ['site down'], senders: [] },
      [/mentions "urgent", which is not one of emergency.keywords \(site down\)/],
    ],
    [
      'a promise with no keywords at all',
      'In an emergency, write EMERGENCY.',
      { keywords: [], senders: [] },
      [/mentions "emergency", which is not one of emergency.keywords \(none\)/],
    ],
    [
      'a configured phrase promised to everyone while senders is set',
      'Write "site down" in the subject.',
      { keywords: ['site down'], senders: ['ceo@acme.example'] },
      [/tells every sender to write "site down"/],
    ],
    ['a word inside another is no mention', 'Urgently yours', { keywords: [], senders: [] }, []],
  ])('%s', (_name, body, emergency, expected) => {
    const messages = findTemplateWarnings(acmeWith(body, emergency), config).map((w) => w.message);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(messages[index]).toMatch(pattern));
  });

  it('warns when the text names a backup and there is none', () => {
    const warnings = findTemplateWarnings(
      acmeWith('Ask {{backupName}}.', { senders: [] }),
      noBackups,
    );
    expect(warnings).toEqual([
      {
        code: 'TEMPLATE_PROMISE',
        message:
          'autoReply.body names the backup ({{backupName}}, {{backupAddress}}), but onCall has no backups',
      },
    ]);
  });
});
