import type {
  ClientSchedule,
  DayOff,
  WallInterval,
  Weekday,
} from '../../../src/schedule/client-schedule.js';

/** Minutes after midnight of 'HH:mm'; 'HH:mm+1' is that time on the next day (1440 more). */
export function toMinutes(wallTime: string): number {
  const [time = '', nextDay] = wallTime.split('+');
  const [hours = NaN, minutes = NaN] = time.split(':').map(Number);
  return hours * 60 + minutes + (nextDay === '1' ? 1440 : 0);
}

/** An interval from 'HH:mm-HH:mm'; an end before the start crosses midnight. */
export function toInterval(text: string): WallInterval {
  const [from = '', to = ''] = text.split('-');
  const start = toMinutes(from);
  const end = toMinutes(to);
  return { start, end: end <= start ? end + 1440 : end };
}

/** A schedule from readable pieces: hours as { weekday: ['09:00-17:00'] }, check-ins as 'HH:mm'. */
export function buildSchedule(options: {
  timeZone: string;
  hours?: Partial<Record<Weekday, string[]>>;
  checkIns?: string[];
  daysOff?: DayOff[];
}): ClientSchedule {
  const hours: Partial<Record<Weekday, WallInterval[]>> = {};
  for (const [weekday, intervals] of Object.entries(options.hours ?? {})) {
    hours[Number(weekday) as Weekday] = intervals.map(toInterval);
  }
  return {
    timeZone: options.timeZone,
    hours,
    checkIns: (options.checkIns ?? []).map(toMinutes),
    daysOff: options.daysOff ?? [],
  };
}

export const weekdaysNineToFive: Partial<Record<Weekday, string[]>> = {
  1: ['09:00-17:00'],
  2: ['09:00-17:00'],
  3: ['09:00-17:00'],
  4: ['09:00-17:00'],
  5: ['09:00-17:00'],
};

export function dates(from: string, to: string, checkIns: string[] = []): DayOff {
  return { kind: 'dates', from, to, checkIns: checkIns.map(toMinutes) };
}

export function yearly(monthDay: string, checkIns: string[] = []): DayOff {
  return { kind: 'yearly', monthDay, checkIns: checkIns.map(toMinutes) };
}

export function span(start: string, end: string): DayOff {
  return { kind: 'span', start, end };
}
