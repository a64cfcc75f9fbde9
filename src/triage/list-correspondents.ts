import type { Decision } from './decide.js';
import { isMailbox } from './is-mailbox.js';
import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import type { TriageConfig } from './triage-config.js';

export interface CorrespondentSighting {
  readonly clientId: string;
  readonly address: string;
  readonly at: Date;
}

/**
 * Who wrote as a client's person in a batch of decided messages, for the days-off
 * announcements: the From address of each message a client's rules applied to that is not
 * automated (robots, lists, bounces, auto-replies never count), is a plain mailbox, and is
 * neither the VA's nor a backup's, seen when it was decided (the daemon's clock, which
 * --at shifts, like every other instant the announcements compare). Pure.
 */
export function listCorrespondents(
  messages: readonly {
    readonly facts: MessageFacts;
    readonly decision: Decision;
    readonly at: Date;
  }[],
  config: TriageConfig,
): CorrespondentSighting[] {
  const own = new Set(
    [...config.assistant.addresses, ...config.onCall.backups.map((backup) => backup.address)].map(
      normalizeAddress,
    ),
  );
  const seen: CorrespondentSighting[] = [];
  for (const { facts, decision, at } of messages) {
    if (decision.client === null || decision.automated) continue;
    const address = normalizeAddress(facts.from?.address ?? '');
    if (!isMailbox(address) || own.has(address)) continue;
    seen.push({ clientId: decision.client.id, address, at });
  }
  return seen;
}
