import { formatWallTime } from '../schedule/format-wall-time.js';
import { sanitizeHeaderValue } from './sanitize-header-value.js';

export interface ReplyReminderFacts {
  readonly assistantName: string;
  readonly clientName: string;
  /** The client message's sender, its subject, when offhours saw it. */
  readonly from: string;
  readonly subject: string;
  readonly receivedAt: Date;
  readonly withinSeconds: number;
  readonly dueAt: Date;
  /** The client's zone: the times are written on its wall clock. */
  readonly timeZone: string;
  /** The folder where the message was flagged, or null when it was found nowhere. */
  readonly flaggedIn: string | null;
  /** The folders searched for it, for the message when it was not found. */
  readonly searched: readonly string[];
}

/**
 * The reminder the VA gets when a client's message is still unanswered as the reply-time
 * promise runs out: who wrote, when, what was promised, and where the message is flagged.
 * It goes to the VA only; the client never sees it. Pure.
 */
export function describeReplyReminder(
  facts: ReplyReminderFacts,
  now: Date,
): { readonly subject: string; readonly text: string } {
  const subject = sanitizeHeaderValue(facts.subject) || '(no subject)';
  const when = (instant: Date) => formatWallTime(instant, facts.timeZone, now);
  const where =
    facts.flaggedIn === null
      ? `I could not find it in ${facts.searched.join(' or ')} to flag it: it may have been moved.`
      : `It is flagged in ${facts.flaggedIn}.`;
  return {
    subject: `Reply overdue: ${subject}`,
    text: [
      `Hi ${facts.assistantName},`,
      '',
      `${facts.from || 'A sender'} (client: ${facts.clientName}) wrote ${when(facts.receivedAt)}, and no reply from you has been seen yet.`,
      `You promise ${facts.clientName} a reply within ${formatWorkingTime(facts.withinSeconds)} of working time; that ran out ${when(facts.dueAt)} (${facts.timeZone} time).`,
      '',
      `Subject: ${subject}`,
      where,
      '',
      'This is the only reminder for this message, and the client has not been told.',
      '-- offhours',
    ].join('\n'),
  };
}

/** 7200 → "2 hours", 5400 → "1 hour 30 minutes", 86400 → "24 hours", 5 → "5 seconds". */
function formatWorkingTime(seconds: number): string {
  const units: [number, string][] = [
    [Math.floor(seconds / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  return units
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}${count === 1 ? '' : 's'}`)
    .join(' ');
}
