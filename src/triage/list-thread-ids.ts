import type { MessageFacts } from './message-facts.js';

/** Message-IDs the message answers: References, then In-Reply-To, each once. */
export function listThreadIds(facts: MessageFacts): string[] {
  const inReplyTo = (facts.headers['in-reply-to'] ?? []).flatMap((value) =>
    [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] ?? ''),
  );
  return [...new Set([...facts.references, ...inReplyTo])].filter((id) => id !== '');
}
