import type { ClientRules, TriageConfig } from '../triage/triage-config.js';

export interface TemplateWarning {
  readonly code: 'TEMPLATE_PROMISE';
  readonly message: string;
}

/**
 * Words a reply text uses to tell a sender how to raise an emergency, in the languages of
 * the negation list. Kept as data; the client's own keywords are looked for as well.
 */
const escalationWords = [
  'urgent',
  'emergency',
  'asap',
  'dringend',
  'eilig',
  'notfall',
  'urgence',
  'urgente',
  'urgenza',
  'spoed',
  'brådskande',
  'akut',
  'pilne',
];

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * Promises a custom reply text makes that the rules do not keep, for `offhours check`: it
 * mentions an emergency word that is not a keyword, tells every sender to use a keyword
 * when only `emergency.senders` can raise an emergency, or names the backup when there is
 * none. {{howToEscalate}} never warns: it is filled from the rules.
 */
export function findTemplateWarnings(client: ClientRules, config: TriageConfig): TemplateWarning[] {
  const body = client.autoReply.body;
  const text = body.replace(placeholder, ' ');
  const keywords = client.emergency.keywords.map((keyword) => keyword.trim().toLowerCase());
  const warnings: TemplateWarning[] = [];
  const warn = (message: string): void => {
    warnings.push({ code: 'TEMPLATE_PROMISE', message: `autoReply.body ${message}` });
  };
  const mentioned = [...new Set([...escalationWords, ...keywords])].filter(
    (word) => word !== '' && containsWord(text, word),
  );
  for (const word of mentioned) {
    if (!keywords.includes(word)) {
      warn(
        `mentions "${word}", which is not one of emergency.keywords (${keywords.join(', ') || 'none'}): a reply with it raises no emergency; use {{howToEscalate}}`,
      );
    } else if (client.emergency.senders.length > 0) {
      warn(
        `tells every sender to write "${word}", but only emergency.senders (${client.emergency.senders.join(', ')}) can raise an emergency; use {{howToEscalate}}, which is filled only for them`,
      );
    }
  }
  const names = [...body.matchAll(placeholder)].map((match) => match[1] ?? '');
  if (
    config.onCall.backups.length === 0 &&
    names.some((name) => name === 'backupName' || name === 'backupAddress')
  ) {
    warn('names the backup ({{backupName}}, {{backupAddress}}), but onCall has no backups');
  }
  return warnings;
}

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}
