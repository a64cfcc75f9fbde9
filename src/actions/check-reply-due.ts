import type { ImapFlow } from 'imapflow';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { deriveOutgoingMessageId } from '../mail/derive-outgoing-message-id.js';
import { isMissingMailboxError } from '../mail/is-missing-mailbox-error.js';
import { locateSentFolder } from '../mail/locate-sent-folder.js';
import { parseMessageHeaders } from '../mail/parse-message.js';
import { resolveMailboxPath } from '../mail/resolve-mailbox-path.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobPayload } from '../queue/job-catalog.js';
import { describeReplyReminder } from '../triage/describe-reply-reminder.js';
import { isAssistantReply } from '../triage/is-assistant-reply.js';
import { reviewReplyDue, type ReplyDueReview } from '../triage/review-reply-due.js';
import type { ClientRules } from '../triage/triage-config.js';
import { deliverOnce, type DeliverOnceDeps } from './deliver-once.js';
import { offhoursMarker } from './send-reply.js';
import { withImapClient } from './with-imap-client.js';

export interface CheckReplyDueDeps {
  readonly delivery: DeliverOnceDeps;
  readonly mailboxId: string;
  readonly logger: Logger;
  readonly imap: ImapSettings;
  readonly readImapLogin?: ImapLoginSource;
  /** The sender of offhours' mail (smtp.from) and the VA, who gets the reminder. */
  readonly from: { readonly name: string; readonly address: string };
  readonly assistant: { readonly name: string; readonly address: string };
  /** The client's rules as configured now; undefined when it is no longer configured. */
  readonly client: ClientRules | undefined;
  readonly now: () => Date;
  /** Real time in ms (the job queue's clock), when `now` is shifted for tests and demos. */
  readonly realNowMs?: () => number;
}

export type ReplyDueOutcome =
  /** The VA's reply was seen: in the Sent folder, or the message is marked \Answered. */
  | { readonly answered: true; readonly via: 'sent-folder' | 'answered-flag' }
  | {
      readonly answered: false;
      readonly reminded: true;
      readonly to: string;
      readonly messageId: string;
      /** Where the client's message was flagged; null when it was found nowhere. */
      readonly flaggedIn: string | null;
      readonly earlier: boolean;
    }
  | { readonly answered: false; readonly reminded: false; readonly dropped: string };

/**
 * The check of a reply-time promise, run when it runs out. It looks for the VA's reply in
 * the Sent folder (a message whose In-Reply-To or References names the client's message
 * and that offhours did not send itself), and at the client's message (\Answered, set by
 * mail programs when one replies). Without either, the client's message is flagged where
 * it is now (the watched mailbox or the hold folder, found by Message-ID) and the VA gets
 * one reminder, sent exactly once per job (deliverOnce). The client never hears of it.
 */
export async function checkReplyDue(
  payload: JobPayload<'reply-due'>,
  jobId: string,
  deps: CheckReplyDueDeps,
): Promise<ReplyDueOutcome> {
  const { logger } = deps;
  const about = {
    client: payload.clientId,
    messageKey: payload.messageKey,
    messageId: payload.messageId,
  };
  // A reminder already on its way (a crash, a retry) is finished, whatever happened since.
  const started = (await deps.delivery.deliveries.read(jobId)) !== null;
  if (!started) {
    const review = reviewReplyDue(deps.client, new Date(payload.receivedAt), deps.now());
    if (review.kind !== 'due') return settleEarly(review, payload, deps);
  }

  const searched = [payload.mailbox, deps.imap.holdMailbox];
  const seen = await withImapClient(
    deps.imap,
    async (client) => {
      if (!started && (await hasReplyInSent(client, payload.messageId, deps.imap)))
        return { answered: 'sent-folder' as const, flaggedIn: null };
      return flagMessage(client, payload.messageId, searched, !started);
    },
    deps.readImapLogin,
  );
  if (seen.answered !== null) {
    logger.info(
      { event: 'reply_seen', ...about, via: seen.answered, dueAt: payload.dueAt },
      'the VA replied within the promise',
    );
    return { answered: true, via: seen.answered };
  }
  if (seen.flaggedIn === null)
    logger.warn(
      { event: 'reply_overdue_not_found', ...about, searched },
      'the unanswered message is in none of the folders offhours looks in; reminding without a flag',
    );

  const timeZone = deps.client?.schedule.timeZone ?? 'UTC';
  const reminder = describeReplyReminder(
    {
      assistantName: deps.assistant.name,
      clientName: payload.clientName,
      from: payload.from,
      subject: payload.subject,
      receivedAt: new Date(payload.receivedAt),
      withinSeconds: payload.withinSeconds,
      dueAt: new Date(payload.dueAt),
      timeZone,
      flaggedIn: seen.flaggedIn,
      searched,
    },
    deps.now(),
  );
  const outcome = await deliverOnce(
    {
      jobId,
      messageId: deriveOutgoingMessageId(deps.mailboxId, jobId, deps.from.address),
      envelope: { from: deps.from.address, to: [deps.assistant.address] },
      mail: {
        from: { name: deps.from.name, address: deps.from.address },
        to: { name: deps.assistant.name, address: deps.assistant.address },
        subject: reminder.subject,
        text: reminder.text,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'X-Offhours': offhoursMarker('reminder', payload.clientId),
        },
      },
    },
    deps.delivery,
  );
  const earlier = outcome.delivered === 'earlier';
  logger.info(
    {
      event: earlier ? 'reminder_already_sent' : 'reminder_sent',
      ...about,
      to: deps.assistant.address,
      flaggedIn: seen.flaggedIn,
      dueAt: payload.dueAt,
      sentMessageId: outcome.messageId,
    },
    earlier
      ? 'the reminder had been sent by an earlier attempt'
      : 'no reply within the promise: message flagged, reminder sent to the VA',
  );
  return {
    answered: false,
    reminded: true,
    to: deps.assistant.address,
    messageId: outcome.messageId,
    flaggedIn: seen.flaggedIn,
    earlier,
  };
}

function settleEarly(
  review: Exclude<ReplyDueReview, { kind: 'due' }>,
  payload: JobPayload<'reply-due'>,
  deps: CheckReplyDueDeps,
): ReplyDueOutcome {
  const about = { client: payload.clientId, messageKey: payload.messageKey };
  if (review.kind === 'dropped') {
    deps.logger.info(
      { event: 'reply_due_dropped', ...about, reason: review.reason },
      'the reply-time promise no longer applies to this message',
    );
    return { answered: false, reminded: false, dropped: review.reason };
  }
  // Waits in the queue's delayed set: its clock is the real one, not a shifted `now`.
  const waitMs = review.dueAt.getTime() - deps.now().getTime();
  deps.logger.info(
    { event: 'reply_due_moved', ...about, dueAt: review.dueAt.toISOString() },
    'the client rules changed: the reply-time promise now runs out later',
  );
  throw new OffhoursError(
    'REPLY_DUE_LATER',
    `the reply-time promise now runs out at ${review.dueAt.toISOString()}`,
    { details: { retryAt: (deps.realNowMs ?? Date.now)() + waitMs } },
  );
}

async function hasReplyInSent(
  client: ImapFlow,
  messageId: string,
  imap: ImapSettings,
): Promise<boolean> {
  const path = await locateSentFolder(client, imap.sentMailbox);
  if (!(await openMailbox(client, path, true))) return false;
  const id = `<${messageId}>`;
  // Substring searches: the candidates are checked exactly (and for offhours' own) below.
  const found = await client.search(
    { or: [{ header: { 'in-reply-to': id } }, { header: { references: id } }] },
    { uid: true },
  );
  const uids = found === false ? [] : (found ?? []);
  if (uids.length === 0) return false;
  for await (const message of client.fetch(
    uids.join(','),
    {
      uid: true,
      headers: ['message-id', 'in-reply-to', 'references', 'auto-submitted', 'x-offhours'],
    },
    { uid: true },
  )) {
    if (message.headers === undefined) continue;
    if (isAssistantReply(parseMessageHeaders(message.headers).facts, messageId)) return true;
  }
  return false;
}

/**
 * Finds the client's message by Message-ID where it may be now and flags it (unless it is
 * marked \Answered: then the VA replied). The watched mailbox is searched again last, in
 * case a release moved the message out of the hold folder between the two searches.
 */
async function flagMessage(
  client: ImapFlow,
  messageId: string,
  folders: readonly string[],
  mayBeAnswered: boolean,
): Promise<{ answered: 'answered-flag' | null; flaggedIn: string | null }> {
  for (const folder of [...folders, folders[0] ?? 'INBOX']) {
    const path = resolveMailboxPath(client, folder);
    if (!(await openMailbox(client, path, false))) continue;
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    const uids = found === false ? [] : (found ?? []);
    if (uids.length === 0) continue;
    if (mayBeAnswered) {
      for await (const message of client.fetch(
        uids.join(','),
        { uid: true, flags: true },
        { uid: true },
      )) {
        if (message.flags?.has('\\Answered') === true)
          return { answered: 'answered-flag', flaggedIn: null };
      }
    }
    await client.messageFlagsAdd(uids.join(','), ['\\Flagged'], { uid: true });
    return { answered: null, flaggedIn: folder };
  }
  return { answered: null, flaggedIn: null };
}

/** Only a missing mailbox is "not there"; any other failure is thrown and the check retried. */
async function openMailbox(client: ImapFlow, path: string, readOnly: boolean): Promise<boolean> {
  try {
    await client.mailboxOpen(path, { readOnly });
    return true;
  } catch (error) {
    if (isMissingMailboxError(error)) return false;
    throw error;
  }
}
