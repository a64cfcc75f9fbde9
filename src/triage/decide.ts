import type { OnCallBackup } from '../schedule/client-schedule.js';
import { checkAvailability } from '../schedule/check-availability.js';
import { pickBackupForEmergency } from '../schedule/pick-backup-for-emergency.js';
import { findResumeAt } from '../schedule/find-resume-at.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import { assessSender } from './assess-sender.js';
import { chooseReplyRecipient } from './choose-reply-recipient.js';
import { describeHowToEscalate } from './describe-how-to-escalate.js';
import { detectAutomation } from './detect-automation.js';
import { detectEmergency } from './detect-emergency.js';
import { fillTemplate } from './fill-template.js';
import { findReplyBlockers } from './find-reply-blockers.js';
import { isOverridableAutomation } from './is-overridable-automation.js';
import { matchClient } from './match-client.js';
import { matchesAddressList } from './matches-address-list.js';
import type { MessageFacts } from './message-facts.js';
import { normalizeAddress } from './normalize-address.js';
import type { ReasonCode } from './reason-codes.js';
import { recognizeAcknowledgement } from './recognize-acknowledgement.js';
import { sanitizeHeaderValue } from './sanitize-header-value.js';
import type { ClientRules, TriageConfig } from './triage-config.js';
import { noTriageContext, type TriageContext } from './triage-context.js';

export type Action = 'reply' | 'forward' | 'hold';

export interface PlannedReply {
  /** 'out-of-hours' or 'emergency': the once-per-sender ledger tracks them apart. */
  readonly kind: 'out-of-hours' | 'emergency';
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export interface ClientRef {
  readonly id: string;
  readonly name: string;
}

interface Judged {
  readonly automated: boolean;
  readonly reasons: readonly ReasonCode[];
}

interface Matched extends Judged {
  readonly client: ClientRef;
  readonly emergency: boolean;
  /** The configured keyword found in the message (also when it was overruled), else null. */
  readonly emergencyKeyword: string | null;
}

interface Away extends Matched {
  /** When the VA next looks at this client's mail (ISO instant); null: never within the horizon. */
  readonly resumeAt: string | null;
}

/**
 * What happens to one message. Each kind carries only what its actions need: a reply only
 * where one is sent, a backup only where the message is forwarded.
 */
export type Decision =
  /** No client applies: offhours leaves the message alone. */
  | (Judged & { readonly kind: 'ignore'; readonly client: null })
  /** The VA is available: the message stays in the inbox, untouched. */
  | (Matched & { readonly kind: 'leave' })
  | (Away & { readonly kind: 'hold' })
  | (Away & { readonly kind: 'reply-and-hold'; readonly reply: PlannedReply })
  /** An emergency that must not be answered (automated): forwarded only, stays in the inbox. */
  | (Away & { readonly kind: 'forward'; readonly backup: OnCallBackup })
  | (Away & {
      readonly kind: 'forward-and-reply';
      readonly backup: OnCallBackup;
      readonly reply: PlannedReply;
    });

export type DecisionKind = Decision['kind'];

/**
 * The whole triage decision: a pure function of the message, what the shell looked up about
 * it (`context`), the configuration and the instant. The shell carries out what its kind
 * says; nothing here touches a socket or the clock.
 */
export function decide(
  message: MessageFacts,
  config: TriageConfig,
  at: Date,
  context: TriageContext = noTriageContext,
): Decision {
  const detected = detectAutomation(message);
  // A backup's reply to a forward is theirs, not a client's, whoever the sender matches.
  const acknowledgement = recognizeAcknowledgement(message, context.escalation ?? null, detected);
  if (acknowledgement?.acknowledged === true) {
    return {
      kind: 'ignore',
      client: null,
      automated: false,
      reasons: [acknowledgement.reason, 'ACTION_NONE'],
    };
  }
  const sender = message.from?.address || message.returnPath || null;
  const match = matchClient(sender, config);
  const client = match.client;
  if (client === null) {
    return {
      kind: 'ignore',
      client: null,
      automated: detected.length > 0,
      reasons: [
        ...(acknowledgement === null ? [] : [acknowledgement.reason]),
        match.reason,
        ...detected,
        'ACTION_NONE',
      ],
    };
  }

  // alwaysReplyTo overrules the guesses about a sender, never the RFC 3834 rules or loops.
  const alwaysReply = matchesAddressList(
    message.from?.address ?? '',
    client.autoReply.alwaysReplyTo,
  );
  const automation = alwaysReply
    ? detected.filter((reason) => !isOverridableAutomation(reason))
    : detected;
  const automated = automation.length > 0;
  const availability = checkAvailability(client.schedule, at);
  const senderVerified = assessSender(message, config.assistant.authservIds) !== null;
  const emergency = detectEmergency(message, client.emergency, {
    automated,
    senderVerified,
    answersOffhoursMail: context.answersOffhoursMail,
    ownTemplates: {
      subject: client.autoReply.subject,
      bodies: [
        client.autoReply.body,
        client.autoReply.emergencyBody,
        describeHowToEscalate({
          keywords: client.emergency.keywords,
          senderCanRaise: true,
          backupName: '{{backupName}}',
        }),
      ],
    },
  });
  const reasons: ReasonCode[] = [
    ...(acknowledgement === null ? [] : [acknowledgement.reason]),
    match.reason,
    availability.reason,
    ...detected,
    ...(alwaysReply ? ['SENDER_ALWAYS_REPLY' as const] : []),
    ...emergency.reasons,
  ];
  const matched = {
    client: { id: client.id, name: client.name },
    automated,
    emergency: emergency.emergency,
    emergencyKeyword: emergency.keyword,
  };
  if (availability.available) {
    reasons.push('ACTION_NONE');
    return { kind: 'leave', ...matched, reasons };
  }

  const resumeAt = findResumeAt(client.schedule, at);
  const picked = pickBackupForEmergency(config.onCall, at);
  const onCall = picked?.backup ?? null;
  const blockers = findReplyBlockers(message, {
    assistantAddresses: config.assistant.addresses,
    backupAddresses: config.onCall.backups.map((backup) => backup.address),
    checkRecipient: client.autoReply.checkRecipient,
    neverReplyTo: client.autoReply.neverReplyTo,
  });
  if (!client.autoReply.enabled) blockers.push('AUTO_REPLY_DISABLED');
  const mayReply = !automated && blockers.length === 0;
  reasons.push(...blockers);

  if (emergency.emergency && onCall === null) reasons.push('NO_BACKUP_ON_CALL');
  if (emergency.emergency && picked !== null && picked.skipped.length > 0)
    reasons.push(picked.allQuiet ? 'BACKUPS_ALL_QUIET' : 'BACKUP_IN_QUIET_HOURS');
  const away = { ...matched, resumeAt: resumeAt === null ? null : resumeAt.toISOString() };
  const recipient = chooseReplyRecipient(message);
  if (mayReply && recipient.passedOverReturnPath) reasons.push('REPLY_TO_FROM');
  const senderCanRaise = senderVerified && mayRaiseEmergency(message, client);
  const reply = (kind: PlannedReply['kind']): PlannedReply =>
    planReply(message, config, client, {
      kind,
      to: recipient.to,
      resumeAt,
      onCall,
      at,
      senderCanRaise,
    });

  if (emergency.emergency && onCall !== null) {
    if (!mayReply) {
      reasons.push('ACTION_FORWARD');
      return { kind: 'forward', ...away, backup: onCall, reasons };
    }
    reasons.push('ACTION_FORWARD_AND_REPLY');
    return {
      kind: 'forward-and-reply',
      ...away,
      backup: onCall,
      reply: reply('emergency'),
      reasons,
    };
  }
  if (!mayReply) {
    reasons.push('ACTION_HOLD');
    return { kind: 'hold', ...away, reasons };
  }
  reasons.push('ACTION_REPLY_AND_HOLD');
  return { kind: 'reply-and-hold', ...away, reply: reply('out-of-hours'), reasons };
}

function planReply(
  message: MessageFacts,
  config: TriageConfig,
  client: ClientRules,
  plan: {
    kind: PlannedReply['kind'];
    /** Never '' here: without any mailbox, findReplyBlockers has already ruled the reply out. */
    to: string;
    resumeAt: Date | null;
    onCall: OnCallBackup | null;
    at: Date;
    senderCanRaise: boolean;
  },
): PlannedReply {
  const { to } = plan;
  const originalSubject = sanitizeHeaderValue(message.subject);
  const values = {
    subject: originalSubject,
    senderName: sanitizeHeaderValue(message.from?.name ?? '') || 'there',
    senderAddress: to,
    clientName: client.name,
    assistantName: config.assistant.name,
    resumeAt:
      plan.resumeAt === null
        ? 'as soon as I can'
        : formatWallTime(plan.resumeAt, client.schedule.timeZone, plan.at),
    backupName: plan.onCall?.name ?? 'my backup',
    backupAddress: plan.onCall?.address ?? '',
    howToEscalate: describeHowToEscalate({
      keywords: client.emergency.keywords,
      senderCanRaise: plan.senderCanRaise,
      backupName: plan.onCall?.name ?? null,
    }),
  };
  const subject =
    originalSubject === '' && client.autoReply.subject.includes('{{subject}}')
      ? 'Automated reply'
      : sanitizeHeaderValue(fillTemplate(client.autoReply.subject, values), 250);
  const template =
    plan.kind === 'emergency' ? client.autoReply.emergencyBody : client.autoReply.body;
  return { kind: plan.kind, to, subject, body: fillTemplate(template, values) };
}

/** Whether this sender's keyword could count at all: `emergency.senders`, when set, lists them. */
function mayRaiseEmergency(message: MessageFacts, client: ClientRules): boolean {
  const senders = client.emergency.senders;
  return senders.length === 0 || senders.includes(normalizeAddress(message.from?.address ?? ''));
}
