import { errorCodes } from '../errors/error-codes.js';
import { formatShortWallTime } from '../schedule/format-short-wall-time.js';
import { sanitizeHeaderValue } from '../triage/sanitize-header-value.js';
import type { DigestClientSummary } from './summarize-digest.js';

/** One line of a digest section; text is plain (the HTML renderer escapes it). */
export interface DigestItem {
  readonly when: string;
  readonly who: string;
  readonly subject: string | null;
  readonly detail: string;
  /** Needs the VA: a failure, an emergency nobody was told of. */
  readonly alert: boolean;
}

export interface DigestSection {
  readonly heading: string;
  readonly items: readonly DigestItem[];
}

export interface DigestClientPart {
  readonly name: string;
  readonly sections: readonly DigestSection[];
  /** Counts without a list: robots not answered, replies not sent again, announcements. */
  readonly notes: readonly string[];
}

export interface DigestDocument {
  readonly subject: string;
  readonly title: string;
  readonly period: string;
  readonly totals: string;
  readonly clients: readonly DigestClientPart[];
}

export interface DigestContext {
  readonly since: Date;
  readonly until: Date;
  /** The VA's zone: every time is on her wall clock. */
  readonly timeZone: string;
  readonly assistantName: string;
  /** Client names by id. */
  readonly clientNames: Readonly<Record<string, string>>;
  /** Backup names by lower-cased address. */
  readonly backupNames: Readonly<Record<string, string>>;
}

const maxSubjectLength = 120;

/**
 * The words of a hand-back digest, laid out once for both the text and the HTML part:
 * per client, emergencies (whom they were passed to, who took them on where known),
 * failures, replies sent, people's held mail with when it comes back, and the counts of
 * robots not answered, replies not sent again and days-off announcements sent. Message
 * text is put on one line. Pure.
 */
export function describeDigest(
  summaries: readonly DigestClientSummary[],
  context: DigestContext,
): DigestDocument {
  const time = (iso: string): string => formatShortWallTime(new Date(iso), context.timeZone);
  const person = (address: string): string => {
    const name = context.backupNames[address.toLowerCase()];
    return name === undefined ? address : `${name} <${address}>`;
  };
  const item = (
    message: { at: string; from: string | null; subject?: string },
    detail: string,
    options: { who?: string; alert?: boolean } = {},
  ): DigestItem => ({
    when: time(message.at),
    who: sanitizeHeaderValue(options.who ?? message.from ?? 'unknown sender'),
    subject:
      message.subject === undefined ? null : sanitizeHeaderValue(message.subject, maxSubjectLength),
    detail,
    alert: options.alert ?? false,
  });
  const totals = { emergencies: 0, failures: 0, replies: 0, held: 0, robots: 0, announced: 0 };
  const clients = summaries.map((summary): DigestClientPart => {
    totals.emergencies += summary.emergencies.length;
    totals.failures += summary.failures.length;
    totals.replies += summary.replies.length;
    totals.held += summary.held.length;
    totals.robots += summary.robots;
    totals.announced += summary.announced;
    const sections: DigestSection[] = [
      {
        heading: 'Emergencies forwarded',
        items: summary.emergencies.map((emergency) => {
          const passed =
            emergency.passedTo.length === 0
              ? 'not passed to anyone yet'
              : `passed to ${emergency.passedTo.map(person).join(', then ')}`;
          const acknowledged =
            emergency.acknowledged === null
              ? 'no acknowledgement on record'
              : `acknowledged${emergency.acknowledged.by === null ? '' : ` by ${person(emergency.acknowledged.by)}`} at ${time(emergency.acknowledged.at)}`;
          return item(emergency, sanitizeHeaderValue(`${passed}; ${acknowledged}`, 500), {
            alert: emergency.passedTo.length === 0,
          });
        }),
      },
      {
        heading: 'Failed',
        items: summary.failures.map((failure) => {
          const meaning = (errorCodes as Partial<Record<string, { summary: string }>>)[
            failure.code
          ];
          return item(
            failure,
            `${failure.job} failed: ${failure.code}${meaning === undefined ? '' : ` (${meaning.summary})`}`,
            { alert: true },
          );
        }),
      },
      {
        heading: 'Replies sent',
        items: summary.replies.map((reply) =>
          item(reply, reply.emergency ? 'acknowledged the emergency' : 'out-of-hours reply', {
            who: `to ${reply.to}`,
          }),
        ),
      },
      {
        heading: 'Held',
        items: summary.held.map((held) =>
          item(
            held,
            held.releasedAt === null
              ? `comes back ${time(held.until)}`
              : `back in the inbox since ${time(held.releasedAt)}`,
          ),
        ),
      },
    ].filter((section) => section.items.length > 0);
    const notes = [
      ...(summary.robots === 0 ? [] : [`Robots not answered: ${summary.robots}`]),
      ...(summary.suppressed === 0
        ? []
        : [`Replies not sent again (the sender had one recently): ${summary.suppressed}`]),
      ...(summary.announced === 0 ? [] : [`Days-off announcements sent: ${summary.announced}`]),
    ];
    return {
      name:
        summary.client === null
          ? 'Mail of no client'
          : (context.clientNames[summary.client] ?? summary.client),
      sections,
      notes,
    };
  });
  const counted = [
    count(totals.emergencies, 'emergency', 'emergencies'),
    count(totals.failures, 'failed', 'failed'),
    count(totals.replies, 'reply', 'replies'),
    count(totals.held, 'held', 'held'),
    count(totals.robots, 'robot', 'robots'),
    count(totals.announced, 'announcement', 'announcements'),
  ].filter((text) => text !== null);
  const since = formatShortWallTime(context.since, context.timeZone);
  return {
    subject: `Hand-back: ${counted.length === 0 ? 'nothing to report' : counted.join(', ')} since ${since}`,
    title: `Hand-back for ${context.assistantName}`,
    period: `From ${since} to ${formatShortWallTime(context.until, context.timeZone)} (${context.timeZone})`,
    totals: [
      count(totals.emergencies, 'emergency forwarded', 'emergencies forwarded'),
      count(totals.failures, 'failure', 'failures'),
      count(totals.replies, 'reply sent', 'replies sent'),
      count(totals.held, 'message held', 'messages held'),
      count(totals.robots, 'robot not answered', 'robots not answered'),
      count(totals.announced, 'days-off announcement sent', 'days-off announcements sent'),
    ]
      .filter((text) => text !== null)
      .join(', '),
    clients,
  };
}

function count(value: number, one: string, many: string): string | null {
  if (value === 0) return null;
  return `${value} ${value === 1 ? one : many}`;
}
