import type { MessageFacts } from './message-facts.js';
import type { ReasonCode } from './reason-codes.js';

/** Exchange Online's spam confidence level from which mail goes to Junk. */
const minJunkScl = 5;

/** Subject tags that filters put on spam ("*****SPAM*****", "[SPAM]", "{Spam?}"). */
const spamSubjectTagPattern =
  /^\s*(?:\*{2,}\s*spam\s*\*{2,}|[[{(]\s*(?:\*{0,3}spam\*{0,3}\??|suspected spam|possible spam|probable spam|spam suspect|junk)\s*[\]})])/i;

/** rspamd's actions that mean "this is spam" (greylisting and "no action" do not). */
const rspamdSpamActions: ReadonlySet<string> = new Set(['reject', 'add header', 'rewrite subject']);

/**
 * What the receiving server's spam filter already said: SpamAssassin and its kin, rspamd,
 * Exchange Online Protection, Barracuda, and a spam tag in the subject. One code per filter,
 * so `explain` says whose verdict it was.
 */
export function detectSpamVerdict(facts: MessageFacts): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  if (isSpamAssassinSpam(facts)) reasons.push('AUTO_SPAM_FLAG');
  if (isRspamdSpam(facts)) reasons.push('AUTO_SPAM_RSPAMD');
  if (isExchangeSpam(facts)) reasons.push('AUTO_SPAM_EXCHANGE');
  if (spamSubjectTagPattern.test(facts.subject.slice(0, 200))) {
    reasons.push('AUTO_SPAM_SUBJECT_TAG');
  }
  return reasons;
}

function isSpamAssassinSpam(facts: MessageFacts): boolean {
  return [
    'x-spam-flag',
    'x-spam-status',
    'x-spam',
    'x-barracuda-spam-flag',
    'x-barracuda-spam-status',
  ]
    .flatMap((name) => getValues(facts, name))
    .some((value) => readFirstToken(value) === 'yes');
}

function isRspamdSpam(facts: MessageFacts): boolean {
  return (
    getValues(facts, 'x-rspamd-action').some((value) =>
      rspamdSpamActions.has(value.trim().toLowerCase()),
    ) ||
    [...getValues(facts, 'x-spamd-result'), ...getValues(facts, 'x-rspamd-result')].some((value) =>
      /^\s*default\s*:\s*true\b/i.test(value),
    )
  );
}

function isExchangeSpam(facts: MessageFacts): boolean {
  return (
    getValues(facts, 'x-ms-exchange-organization-scl').some(
      (value) => Number.parseInt(value.trim(), 10) >= minJunkScl,
    ) ||
    getValues(facts, 'x-forefront-antispam-report').some((value) => {
      const fields = readReportFields(value);
      const verdict = fields.get('sfv');
      const scl = Number.parseInt(fields.get('scl') ?? '', 10);
      return verdict === 'spm' || verdict === 'blk' || scl >= minJunkScl;
    })
  );
}

/** "CIP:1.2.3.4;CTRY:US;SFV:SPM;SCL:9" as a map of lower-cased keys and values. */
function readReportFields(value: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of value.split(';')) {
    const colon = pair.indexOf(':');
    if (colon > 0) {
      fields.set(
        pair.slice(0, colon).trim().toLowerCase(),
        pair
          .slice(colon + 1)
          .trim()
          .toLowerCase(),
      );
    }
  }
  return fields;
}

function getValues(facts: MessageFacts, name: string): readonly string[] {
  return facts.headers[name] ?? [];
}

function readFirstToken(value: string): string {
  return (value.trim().split(/[,;\s(]/, 1)[0] ?? '').toLowerCase();
}
