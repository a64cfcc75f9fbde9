import { checkAvailability, type AvailabilityReason } from '../schedule/check-availability.js';
import { createZoneCalendar } from '../schedule/create-zone-calendar.js';
import { describeLocalDate } from '../schedule/describe-local-date.js';
import { findBackupOnCall } from '../schedule/find-backup-on-call.js';
import { findNextHandover } from '../schedule/find-next-handover.js';
import { findResumeAt } from '../schedule/find-resume-at.js';
import { formatMinutes } from '../schedule/format-minutes.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import { countToday } from './count-today.js';
import { describeHealth } from './describe-health.js';
import { describeRecordView } from './describe-record-view.js';
import { describeWhen } from './describe-when.js';
import { listAttentionItems } from './list-attention-items.js';
import { nameTimeZone } from './name-time-zone.js';
import { planWeekTimeline, type WeekTimeline } from './plan-week-timeline.js';
import type { StatusClient, StatusSnapshot } from './status-snapshot.js';
import type { ClientView, HeldView, StatusView } from './status-view.js';

/** The page lists the newest records only; `offhours log` has the rest. */
export const recordsShown = 50;
/** Held messages listed one by one; the total covers the rest. */
export const heldShown = 100;

const stateTexts: Record<AvailabilityReason, string> = {
  AVAILABLE_IN_HOURS: 'Available now',
  UNAVAILABLE_OUTSIDE_HOURS: 'Out of hours',
  UNAVAILABLE_NOT_WORKING_DAY: 'Not a working day',
  UNAVAILABLE_DAY_OFF: 'Day off',
  UNAVAILABLE_ABSENCE: 'Away (calendar)',
};

/**
 * The status page's content at `now` from what the shell gathered: health, what needs the
 * VA, each client's availability (until when, and why not, on the client's clock and the
 * VA's) and week, held mail and when it comes back, who is on call and the next handover,
 * today's counts and the newest records in words. Pure: no I/O, no clock.
 */
export function buildStatusView(snapshot: StatusSnapshot, now: Date): StatusView {
  const vaZone = snapshot.assistant.timeZone;
  const clientNames = new Map(snapshot.clients.map((client) => [client.id, client.name]));
  const zoneOf = new Map(snapshot.clients.map((client) => [client.id, client.schedule.timeZone]));
  const heldCount = new Map<string, number>();
  for (const entry of snapshot.held)
    heldCount.set(entry.clientId, (heldCount.get(entry.clientId) ?? 0) + 1);

  const onCall = findBackupOnCall(snapshot.onCall, now);
  const handover = findNextHandover(snapshot.onCall, now);
  const held = [...snapshot.held].sort(
    (a, b) => Date.parse(a.resumeAt) - Date.parse(b.resumeAt) || a.heldAt.localeCompare(b.heldAt),
  );
  return {
    at: now.toISOString(),
    assistant: snapshot.assistant,
    nowText: describeNow(vaZone, now),
    attention: listAttentionItems(snapshot, now),
    health: describeHealth(snapshot, now),
    today: countToday(snapshot.records, vaZone, now),
    onCall: {
      now: onCall === null ? null : { name: onCall.name, address: onCall.address },
      next:
        handover === null
          ? null
          : {
              name: handover.backup.name,
              address: handover.backup.address,
              at: handover.at.toISOString(),
              atText: `${formatWallTime(handover.at, vaZone, now)} your time`,
            },
    },
    clients: snapshot.clients.map((client) =>
      describeClient(client, vaZone, now, heldCount.get(client.id) ?? 0),
    ),
    held: {
      total: held.length,
      shown: held.slice(0, heldShown).map((entry): HeldView => {
        const zone = zoneOf.get(entry.clientId) ?? vaZone;
        const clocks = describeClocks(new Date(entry.resumeAt), zone, vaZone, now);
        return {
          messageKey: entry.messageKey,
          clientId: entry.clientId,
          clientName: clientNames.get(entry.clientId) ?? entry.clientId,
          from: entry.from,
          subject: entry.subject,
          heldAt: entry.heldAt,
          heldAtText: describeWhen(new Date(entry.heldAt), vaZone, now),
          resumeAt: entry.resumeAt,
          resumeText: clocks.own,
          resumeTextVa: clocks.va,
        };
      }),
    },
    records: snapshot.records
      .slice(0, recordsShown)
      .map((record) => describeRecordView(record, clientNames, vaZone, now)),
  };
}

function describeClient(client: StatusClient, vaZone: string, now: Date, held: number): ClientView {
  const { schedule } = client;
  const availability = checkAvailability(schedule, now);
  const timeline = planWeekTimeline(schedule, vaZone, now);
  const until = availability.available ? findWorkEnd(timeline, now) : findResumeAt(schedule, now);
  const clocks = until === null ? null : describeClocks(until, schedule.timeZone, vaZone, now);
  return {
    id: client.id,
    name: client.name,
    timeZone: schedule.timeZone,
    available: availability.available,
    reason: availability.reason,
    stateText: stateTexts[availability.reason],
    until: until?.toISOString() ?? null,
    untilText: clocks?.own ?? null,
    untilTextVa: clocks?.va ?? null,
    held,
    timeline,
  };
}

/**
 * Where the working stretch around `now` ends: the end of its interval (running on into
 * an interval that starts right then), or the start of an absence before it.
 */
function findWorkEnd(timeline: WeekTimeline, now: Date): Date | null {
  const ms = now.getTime();
  let end: number | null = null;
  for (const span of timeline.working) {
    const start = Date.parse(span.start);
    const stop = Date.parse(span.end);
    if (end === null ? start <= ms && ms < stop : start <= end && stop > end) end = stop;
  }
  if (end === null) return null;
  const absence = timeline.absences.find((span) => {
    const start = Date.parse(span.start);
    return start > ms && start < (end ?? 0);
  });
  return new Date(absence === undefined ? end : Date.parse(absence.start));
}

/** An instant on the client's clock, and on the VA's when that reads differently. */
function describeClocks(
  instant: Date,
  zone: string,
  vaZone: string,
  now: Date,
): { own: string; va: string | null } {
  const own = formatWallTime(instant, zone, now);
  const va = formatWallTime(instant, vaZone, now);
  if (zone === vaZone || own === va) return { own, va: null };
  return { own: `${own} ${nameTimeZone(zone)} time`, va: `${va} your time` };
}

function describeNow(timeZone: string, now: Date): string {
  const local = createZoneCalendar(timeZone).readLocal(now.getTime());
  return `${describeLocalDate(local.day, false)}, ${formatMinutes(local.minute)} ${nameTimeZone(timeZone)}`;
}
