import type { ActivityRecord } from './activity-record.js';

/** One message as the digest names it. Text that came from the message, unescaped. */
export interface DigestMessage {
  readonly messageKey: string;
  /** When offhours first recorded it within the period (ISO). */
  readonly at: string;
  readonly from: string | null;
  /** Absent when records keep no subjects. */
  readonly subject?: string;
}

export interface DigestReply extends DigestMessage {
  readonly to: string;
  /** The reply acknowledged an emergency. */
  readonly emergency: boolean;
}

export interface DigestEmergency extends DigestMessage {
  /** Everyone it was passed to, in order (the forward, then escalation steps). */
  readonly passedTo: readonly string[];
  /** Who took it on, where known; null when no acknowledgement is on record. */
  readonly acknowledged: { readonly by: string | null; readonly at: string } | null;
}

export interface DigestHeld extends DigestMessage {
  /** When it was (or is) due back in the inbox (ISO). */
  readonly until: string;
  /** When it came back, if it did within the period (ISO). */
  readonly releasedAt: string | null;
}

export interface DigestFailure extends DigestMessage {
  readonly job: string;
  readonly code: string;
}

export interface DigestClientSummary {
  /** null: mail no client's rules applied to (and failures naming no client). */
  readonly client: string | null;
  readonly emergencies: readonly DigestEmergency[];
  readonly failures: readonly DigestFailure[];
  readonly replies: readonly DigestReply[];
  readonly held: readonly DigestHeld[];
  /** Automated mail held without a reply (newsletters, notifications...). */
  readonly robots: number;
  /** Replies not sent because the sender had one within the client's oncePer. */
  readonly suppressed: number;
  /** Days-off announcements sent to the client's correspondents. */
  readonly announced: number;
}

/**
 * What the hand-back digest reports, per client in the order of `clientOrder` (then any
 * other client on record, then mail of no client), from the records of its period
 * (oldest first): replies sent; emergencies with whom they were passed to and who took
 * them on; people's mail that was held and when it comes back; robots held unanswered (a
 * count); days-off announcements sent (a count); jobs that failed for good. A client with nothing to report is left out, so an
 * empty list means an empty period. Pure.
 */
export function summarizeDigest(
  records: readonly ActivityRecord[],
  clientOrder: readonly string[],
): DigestClientSummary[] {
  const byClient = new Map<string | null, ActivityRecord[]>();
  for (const record of records) {
    const list = byClient.get(record.client);
    if (list === undefined) byClient.set(record.client, [record]);
    else list.push(record);
  }
  const order = [
    ...clientOrder.filter((id) => byClient.has(id)),
    ...[...byClient.keys()]
      .filter((id): id is string => id !== null && !clientOrder.includes(id))
      .sort(),
    ...(byClient.has(null) ? [null] : []),
  ];
  return order.map((client) => summarizeClient(client, byClient.get(client) ?? [])).filter(hasNews);
}

function summarizeClient(
  client: string | null,
  records: readonly ActivityRecord[],
): DigestClientSummary {
  const emergencies = new Map<string, DigestEmergency>();
  const held = new Map<string, DigestHeld>();
  const replies: DigestReply[] = [];
  const failures: DigestFailure[] = [];
  let robots = 0;
  let suppressed = 0;
  let announced = 0;
  const emergencyOf = (record: ActivityRecord): DigestEmergency =>
    emergencies.get(record.messageKey) ?? {
      ...messageOf(record),
      passedTo: [],
      acknowledged: null,
    };
  for (const record of records) {
    const { outcome } = record;
    switch (outcome.type) {
      case 'held':
        if (record.automated && !record.emergency) robots += 1;
        else
          held.set(record.messageKey, {
            ...messageOf(record),
            until: outcome.until,
            releasedAt: null,
          });
        break;
      case 'left':
        if (record.emergency && record.decision.startsWith('forward'))
          emergencies.set(record.messageKey, emergencyOf(record));
        break;
      case 'replied':
        replies.push({ ...messageOf(record), to: outcome.to, emergency: record.emergency });
        break;
      case 'reply-suppressed':
        suppressed += 1;
        break;
      case 'forwarded':
      case 'escalated': {
        const known = emergencyOf(record);
        emergencies.set(record.messageKey, {
          ...known,
          passedTo: known.passedTo.includes(outcome.to)
            ? known.passedTo
            : [...known.passedTo, outcome.to],
        });
        break;
      }
      case 'acknowledged':
        emergencies.set(record.messageKey, {
          ...emergencyOf(record),
          acknowledged: { by: outcome.by ?? null, at: record.at },
        });
        break;
      case 'released': {
        const known = held.get(record.messageKey);
        if (known !== undefined) held.set(record.messageKey, { ...known, releasedAt: record.at });
        break;
      }
      case 'announced':
        announced += 1;
        break;
      case 'answered':
      case 'reminded':
        // Reply-time checks: the VA was reminded by mail when the promise ran out.
        break;
      case 'failed':
        failures.push({ ...messageOf(record), job: outcome.job, code: outcome.code });
        break;
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown outcome ${String(unknown)}`);
      }
    }
  }
  return {
    client,
    emergencies: [...emergencies.values()],
    failures,
    replies,
    held: [...held.values()],
    robots,
    suppressed,
    announced,
  };
}

function messageOf(record: ActivityRecord): DigestMessage {
  return {
    messageKey: record.messageKey,
    at: record.at,
    from: record.from,
    ...(record.subject === undefined ? {} : { subject: record.subject }),
  };
}

function hasNews(summary: DigestClientSummary): boolean {
  return (
    summary.emergencies.length > 0 ||
    summary.failures.length > 0 ||
    summary.replies.length > 0 ||
    summary.held.length > 0 ||
    summary.robots > 0 ||
    summary.announced > 0
  );
}
