import type { Decision } from './decide.js';
import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import type { ClientRules, TriageConfig } from './triage-config.js';

/** Why a message starts no reply-time clock. */
export type NoPromiseReason =
  /** No client applies (an acknowledgement by a backup is decided this way too). */
  | 'no-client'
  /** The client has no `replyWithin`. */
  | 'no-promise'
  /** A robot, a list, an auto-reply, offhours' own mail: nobody waits for an answer. */
  | 'automated'
  /** Sent by the VA or a backup (a note to self, a colleague's mail), not by the client. */
  | 'not-from-client'
  /** Without a Message-ID no reply can be recognised as answering it. */
  | 'no-message-id';

export type ReplyPromise =
  | { readonly promised: true; readonly client: ClientRules; readonly withinSeconds: number }
  | { readonly promised: false; readonly reason: NoPromiseReason };

/**
 * Whether a triaged message starts the client's reply-time promise: only a person's mail
 * from the client does, whether the VA is working (the clock starts now) or not (it starts
 * at the next working interval). Pure.
 */
export function findReplyPromise(
  decision: Decision,
  facts: MessageFacts,
  config: Pick<TriageConfig, 'clients' | 'assistant' | 'onCall'>,
): ReplyPromise {
  if (decision.client === null) return { promised: false, reason: 'no-client' };
  const clientId = decision.client.id;
  const client = config.clients.find((rules) => rules.id === clientId);
  if (client === undefined) return { promised: false, reason: 'no-client' };
  if (client.replyWithinSeconds === null) return { promised: false, reason: 'no-promise' };
  // X-Offhours is counted as automation already; checked here too, because a reminder or
  // an auto-reply that comes back to the watched mailbox must never start a clock.
  if (decision.automated || (facts.headers['x-offhours']?.length ?? 0) > 0)
    return { promised: false, reason: 'automated' };
  const sender = normalizeAddress(facts.from?.address ?? '');
  const own = [
    ...config.assistant.addresses,
    ...config.onCall.backups.map((backup) => backup.address),
  ].map(normalizeAddress);
  if (sender === '' || own.includes(sender)) return { promised: false, reason: 'not-from-client' };
  if (facts.messageId === null || facts.messageId === '')
    return { promised: false, reason: 'no-message-id' };
  return { promised: true, client, withinSeconds: client.replyWithinSeconds };
}
