import type { Weekday } from './client-schedule.js';

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: Weekday;
}

const msPerDay = 86_400_000;

/** The calendar date of a day number (days since 1970-01-01, which was a Thursday). */
export function readCivilDate(epochDay: number): CivilDate {
  const date = new Date(epochDay * msPerDay);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: readWeekday(epochDay),
  };
}

export function readWeekday(epochDay: number): Weekday {
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as Weekday;
}
