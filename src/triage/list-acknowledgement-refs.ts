import { escalationTags } from './escalation-tags.js';
import { listThreadIds } from './list-thread-ids.js';
import type { MessageFacts } from './message-facts.js';

export interface AcknowledgementRefs {
  /** Message-IDs the message answers (References, In-Reply-To): a forward's is one of them. */
  readonly messageIds: readonly string[];
  /** Escalation tokens from the subject tag and from +tags of its recipients, lower-cased. */
  readonly tokens: readonly string[];
}

/** Headers in which delivery agents record the address a message was delivered to. */
const deliveryHeaders = ['delivered-to', 'x-original-to', 'envelope-to'] as const;

/**
 * What in a message could refer to a forwarded emergency. The shell looks each up; only
 * those offhours recorded count, so a stranger writing "[Emergency #…]" names nothing.
 */
export function listAcknowledgementRefs(facts: MessageFacts): AcknowledgementRefs {
  const tokens = new Set<string>();
  for (const match of facts.subject.matchAll(escalationTags.subjectPattern))
    if (match[1] !== undefined) tokens.add(match[1].toLowerCase());
  const recipients = [
    ...[facts.to, facts.cc, facts.bcc, facts.resentTo, facts.resentCc, facts.resentBcc].flatMap(
      (list) => list.map((recipient) => recipient.address),
    ),
    ...deliveryHeaders.flatMap((name) => facts.headers[name] ?? []),
  ];
  for (const recipient of recipients) {
    const token = escalationTags.plusPattern.exec(recipient)?.[1];
    if (token !== undefined) tokens.add(token.toLowerCase());
  }
  return { messageIds: listThreadIds(facts).slice(-100), tokens: [...tokens].slice(0, 10) };
}
