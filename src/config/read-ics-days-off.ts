import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { CalendarResponse, VEvent } from 'node-ical';
import { OffhoursError } from '../errors/offhours-error.js';
import type { DayOff } from '../schedule/client-schedule.js';

/** node-ical gives an all-day date as local midnight of this process; read it back the same way. */
function readLocalDate(date: Date): DateTime {
  return DateTime.fromObject(
    { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() },
    { zone: 'utc' },
  );
}

function isBusy(event: VEvent): boolean {
  return event.status !== 'CANCELLED' && event.transparency !== 'TRANSPARENT';
}

function toDayOff(start: Date, end: Date, isFullDay: boolean): DayOff | undefined {
  if (isFullDay) {
    const from = readLocalDate(start);
    // DTEND of an all-day event is exclusive: 20261230..20270102 is off 30, 31 Dec and 1 Jan.
    const lastDay = readLocalDate(end).minus({ days: 1 });
    const to = lastDay < from ? from : lastDay;
    return { kind: 'dates', from: from.toISODate() ?? '', to: to.toISODate() ?? '', checkIns: [] };
  }
  if (end.getTime() <= start.getTime()) return undefined;
  return { kind: 'span', start: start.toISOString(), end: end.toISOString() };
}

/**
 * The days off in an ICS calendar: all-day events as dates, timed events as spans between
 * instants. Recurring events are expanded between `from` and `to`, without their EXDATEs;
 * cancelled and "free" events are skipped. Throws CALENDAR_INVALID when the file cannot be
 * read or holds no calendar.
 */
export async function readIcsDaysOff(
  absolutePath: string,
  window: { from: Date; to: Date },
): Promise<DayOff[]> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read';
    throw new OffhoursError('CALENDAR_INVALID', reason, {
      cause: error,
      details: { file: absolutePath },
    });
  }
  if (!/^BEGIN:VCALENDAR/m.test(text)) {
    throw new OffhoursError('CALENDAR_INVALID', 'is not an ICS calendar (no BEGIN:VCALENDAR)', {
      details: { file: absolutePath },
    });
  }
  // node-ical and its Temporal polyfill cost ~20 MiB: loaded only when a client has a calendar.
  const { default: ical } = await import('node-ical');
  let calendar: CalendarResponse;
  try {
    calendar = ical.sync.parseICS(text);
  } catch (error) {
    throw new OffhoursError('CALENDAR_INVALID', 'is not a valid ICS calendar', {
      cause: error,
      details: { file: absolutePath },
    });
  }
  const events = Object.values(calendar).filter(
    (component): component is VEvent => component?.type === 'VEVENT',
  );
  return events.filter(isBusy).flatMap((event) =>
    ical.expandRecurringEvent(event, { ...window, expandOngoing: true }).flatMap((instance) => {
      const dayOff = isBusy(instance.event)
        ? toDayOff(instance.start, instance.end, instance.isFullDay)
        : undefined;
      return dayOff === undefined ? [] : [dayOff];
    }),
  );
}
