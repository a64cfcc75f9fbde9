import type { ClientSchedule } from './client-schedule.js';
import { compileSchedule } from './compile-schedule.js';
import { createZoneCalendar, type ZoneCalendar } from './create-zone-calendar.js';
import { readInstant } from './read-instant.js';

export interface DigestPlanInput {
  /** The VA's zone (assistant.timezone): days and `at` are read on her wall clock. */
  readonly timeZone: string;
  /** Every client's schedule. */
  readonly schedules: readonly ClientSchedule[];
  /** 'first-check-in', or minutes after midnight in `timeZone` (digest.at "HH:MM"). */
  readonly at: 'first-check-in' | number;
  /** Where the last digest's period ended: every digest instant is after it. */
  readonly since: Date;
  readonly now: Date;
}

export interface DigestPlan {
  /**
   * A digest instant after `since` that has passed (the daemon was down at it, or its job
   * failed): the latest one, so one digest covers everything since `since`. null when none.
   */
  readonly overdue: Date | null;
  /** The first digest instant after `now`; null when none falls within the horizon. */
  readonly next: Date | null;
}

/** A year and a bit ahead: a client back from a long leave still gets a digest planned. */
const horizonDays = 400;
/** Digest instants more than this far back are not looked for: a missed one is sent late, once. */
const lookbackDays = 400;

/**
 * When the hand-back digest is due. The VA's working days are the local dates (in her
 * zone) on which she looks at some client's mail by the schedules: a check-in of a
 * working day of that client (check-ins a day off keeps do not make it a working day) or
 * the start of a working interval, as findResumeAt sees them (none inside an absence; a
 * start an absence covers moves to its end). A day on which every client is off or has no
 * hours has no digest; the next working day's covers it. The digest instant of a working
 * day is its first such moment (`first-check-in`), or `at` on her wall clock (a time in a
 * DST gap moves forward by the gap, an ambiguous one is the earlier instant). Pure.
 */
export function planDigest(input: DigestPlanInput): DigestPlan {
  const since = readInstant(input.since);
  const now = readInstant(input.now);
  const calendar = createZoneCalendar(input.timeZone);
  const firstDay = Math.max(
    calendar.readLocal(since).day,
    calendar.readLocal(now).day - lookbackDays,
  );
  const lastDay = calendar.readLocal(Math.max(since, now)).day + horizonDays;
  let overdue: number | null = null;
  for (let day = firstDay; day <= lastDay; day += 1) {
    const instant = findDigestInstant(input, calendar, day);
    if (instant === null || instant <= since) continue;
    if (instant <= now) {
      overdue = instant;
      continue;
    }
    return { overdue: toDate(overdue), next: new Date(instant) };
  }
  return { overdue: toDate(overdue), next: null };
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** The digest instant of one of the VA's local days, or null when it is not a working day. */
function findDigestInstant(
  input: DigestPlanInput,
  calendar: ZoneCalendar,
  day: number,
): number | null {
  const dayStart = calendar.resolveWallTime(day, 0);
  const dayEnd = calendar.resolveWallTime(day + 1, 0);
  let first = Number.POSITIVE_INFINITY;
  for (const schedule of input.schedules) {
    const compiled = compileSchedule(schedule);
    const local = compiled.calendar;
    const consider = (instant: number): void => {
      if (instant >= dayStart && instant < dayEnd && instant < first) first = instant;
    };
    // The client's local days that overlap the VA's day; an interval started the day
    // before it may begin inside the VA's day when the zones are far apart.
    const from = local.readLocal(dayStart).day - 1;
    const to = local.readLocal(dayEnd - 1).day;
    for (let clientDay = from; clientDay <= to; clientDay += 1) {
      const plan = compiled.planDay(clientDay);
      if (plan.dayOff) continue;
      for (const checkIn of plan.checkIns) {
        const instant = local.resolveWallTime(clientDay, checkIn);
        if (!compiled.isInAbsence(instant)) consider(instant);
      }
      for (const interval of plan.intervals) {
        const start = compiled.skipAbsences(local.resolveWallTime(clientDay, interval.start));
        if (start < local.resolveWallTime(clientDay, interval.end)) consider(start);
      }
    }
  }
  if (first === Number.POSITIVE_INFINITY) return null;
  return input.at === 'first-check-in' ? first : calendar.resolveWallTime(day, input.at);
}
