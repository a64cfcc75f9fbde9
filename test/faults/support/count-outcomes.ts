/**
 * Compares what a scenario sent in with what came out: where each message ended up (held,
 * or in the inbox marked handled), which replies and forwards the SMTP sink accepted.
 * Replies are counted per recipient and kind (offhours answers a sender once per period,
 * whichever of their messages it answers) and per recipient and In-Reply-To (one message
 * answered twice), forwards per original Message-ID (the original travels as an attachment).
 */
import type { MailboxEntry } from '../../support/mailbox-client.js';
import { backupAddress } from './fault-clients.js';
import type { SinkMail } from './start-fault-sink.js';

export type ReplyKind = 'out-of-hours' | 'emergency';

export interface ExpectedMail {
  readonly messageId: string;
  readonly sender: string;
  readonly fate: 'held' | 'inbox';
  readonly reply: ReplyKind | null;
  readonly forward: boolean;
}

export interface Outcomes {
  readonly messages: number;
  /** Messages not where their decision puts them (not held, or not marked handled). */
  readonly misplaced: number;
  readonly lostReplies: number;
  readonly lostForwards: number;
  readonly duplicateReplies: number;
  /** Replies beyond the first to one recipient answering one message (same In-Reply-To). */
  readonly duplicateRepliesToOneMessage: number;
  readonly duplicateForwards: number;
  /** Replies to a sender/kind that should get none (an auto-reply answered, say). */
  readonly unexpectedReplies: number;
  readonly unexpectedForwards: number;
  readonly repliesSent: number;
  readonly forwardsSent: number;
}

export const handledKeyword = '$Offhours';

export function isReply(mail: SinkMail): boolean {
  return (mail.headers.get('x-offhours') ?? '').startsWith('reply');
}

export function isForward(mail: SinkMail): boolean {
  return (mail.headers.get('x-offhours') ?? '').startsWith('forward');
}

/** `reply-out-of-hours; client=acme` -> `out-of-hours`. */
export function readReplyKind(mail: SinkMail): string {
  return /^reply-([^;]+)/.exec(mail.headers.get('x-offhours') ?? '')?.[1]?.trim() ?? '?';
}

export function countOutcomes(
  expected: readonly ExpectedMail[],
  accepted: readonly SinkMail[],
  mailboxes: { inbox: readonly MailboxEntry[]; held: readonly MailboxEntry[] },
): Outcomes {
  const inbox = new Map(mailboxes.inbox.map((entry) => [entry.messageId, entry]));
  const held = new Map(mailboxes.held.map((entry) => [entry.messageId, entry]));
  let misplaced = 0;
  for (const mail of expected) {
    const entry = (mail.fate === 'held' ? held : inbox).get(mail.messageId);
    if (entry === undefined || !entry.flags.has(handledKeyword)) misplaced += 1;
  }

  const replyKey = (to: string, kind: string) => `${to.toLowerCase()}|${kind}`;
  const expectedReplies = new Set(
    expected.flatMap((mail) => (mail.reply === null ? [] : [replyKey(mail.sender, mail.reply)])),
  );
  const replies = new Map<string, number>();
  const repliesToMessage = new Map<string, number>();
  const forwards = accepted.filter(
    (mail) => isForward(mail) && mail.to.includes(backupAddress.toLowerCase()),
  );
  for (const mail of accepted.filter(isReply)) {
    for (const to of mail.to) {
      const key = replyKey(to, readReplyKind(mail));
      replies.set(key, (replies.get(key) ?? 0) + 1);
      const messageKey = `${to.toLowerCase()}|${mail.headers.get('in-reply-to') ?? ''}`;
      repliesToMessage.set(messageKey, (repliesToMessage.get(messageKey) ?? 0) + 1);
    }
  }
  let duplicateReplies = 0;
  let unexpectedReplies = 0;
  for (const [key, count] of replies) {
    if (expectedReplies.has(key)) duplicateReplies += count - 1;
    else unexpectedReplies += count;
  }
  const lostReplies = [...expectedReplies].filter((key) => !replies.has(key)).length;

  const forwardIds = expected.filter((mail) => mail.forward).map((mail) => mail.messageId);
  let duplicateForwards = 0;
  let lostForwards = 0;
  const matchedForwards = new Set<SinkMail>();
  for (const id of forwardIds) {
    const matching = forwards.filter((mail) => mail.raw.includes(`<${id}>`));
    for (const mail of matching) matchedForwards.add(mail);
    if (matching.length === 0) lostForwards += 1;
    else duplicateForwards += matching.length - 1;
  }
  return {
    messages: expected.length,
    misplaced,
    lostReplies,
    lostForwards,
    duplicateReplies,
    duplicateRepliesToOneMessage: [...repliesToMessage.values()].reduce(
      (sum, count) => sum + count - 1,
      0,
    ),
    duplicateForwards,
    unexpectedReplies,
    unexpectedForwards: forwards.length - matchedForwards.size,
    repliesSent: accepted.filter(isReply).length,
    forwardsSent: forwards.length,
  };
}

/** Lost in the sense: a message not handled as decided, or a reply or forward never sent. */
export function countLost(outcomes: Outcomes): number {
  return outcomes.misplaced + outcomes.lostReplies + outcomes.lostForwards;
}
