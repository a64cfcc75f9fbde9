import { DateTime } from 'luxon';
import type { CalendarResponse, VEvent } from 'node-ical';
import { OffhoursError } from '../errors/offhours-error.js';
import type { DayOff } from '../schedule/client-schedule.js';
import { IcsProblem, prepareIcsText } from './prepare-ics-text.js';

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
 * The days off in the text of an ICS calendar: all-day events as dates, timed events as
 * spans between instants. Floating times are read in the client's `timeZone`, TZIDs as IANA,
 * Windows or VTIMEZONE zones (prepareIcsText). Recurring events are expanded between `from`
 * and `to`, without their EXDATEs; cancelled and "free" events are skipped. Throws
 * CALENDAR_INVALID, with the line when there is one and `where` (the file or the feed) in its
 * details, when the text holds no calendar, names a time zone nobody knows, or has an event
 * that is cut short or has no readable start: an event is never dropped in silence.
 */
export async function parseIcsDaysOff(
  text: string,
  window: { from: Date; to: Date },
  timeZone: string,
  where: Readonly<Record<string, unknown>>,
): Promise<DayOff[]> {
  if (!/^BEGIN:VCALENDAR/im.test(text)) {
    throw new OffhoursError('CALENDAR_INVALID', 'is not an ICS calendar (no BEGIN:VCALENDAR)', {
      details: { ...where },
    });
  }
  let prepared: string;
  try {
    prepared = prepareIcsText(text, timeZone, window.from.getUTCFullYear());
  } catch (error) {
    if (!(error instanceof IcsProblem)) throw error;
    throw new OffhoursError('CALENDAR_INVALID', error.message, {
      cause: error,
      details: { ...where, line: error.line },
    });
  }
  // node-ical and its Temporal polyfill cost ~20 MiB: loaded only when a client has a calendar.
  const { default: ical } = await import('node-ical');
  let calendar: CalendarResponse;
  try {
    calendar = ical.sync.parseICS(prepared);
  } catch (error) {
    throw new OffhoursError('CALENDAR_INVALID', 'is not a valid ICS calendar', {
      cause: error,
      details: { ...where },
    });
  }
  const events = Object.values(calendar).filter(
    (component): component is VEvent => component?.type === 'VEVENT',
  );
  const unreadable = events.find((event) => !isValidDate(event.start));
  if (unreadable !== undefined) {
    throw new OffhoursError(
      'CALENDAR_INVALID',
      `the event with UID '${String(unreadable.uid)}' has a start that cannot be read`,
      { details: { ...where } },
    );
  }
  return events.filter(isBusy).flatMap((event) =>
    ical.expandRecurringEvent(event, { ...window, expandOngoing: true }).flatMap((instance) => {
      const dayOff = isBusy(instance.event)
        ? toDayOff(instance.start, instance.end, instance.isFullDay)
        : undefined;
      return dayOff === undefined ? [] : [dayOff];
    }),
  );
}

function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
