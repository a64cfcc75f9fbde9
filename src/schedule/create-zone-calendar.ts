import { IANAZone } from 'luxon';
import { OffhoursError } from '../errors/offhours-error.js';

/** A moment as a clock on the wall shows it: the local day number and minutes after local midnight. */
export interface LocalMoment {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** Minutes after local midnight, with a fraction for seconds. */
  readonly minute: number;
}

export interface ZoneCalendar {
  readonly timeZone: string;
  /** UTC offset in minutes at an instant. */
  readOffset(ms: number): number;
  readLocal(ms: number): LocalMoment;
  /** The instant of a wall time; `minute` may exceed 1440 to reach into the following days. */
  resolveWallTime(day: number, minute: number): number;
}

const msPerMinute = 60_000;
const msPerHour = 3_600_000;
const msPerDay = 86_400_000;
/** Offsets cached per zone before the cache is dropped; the daemon runs for months. */
const maxCachedHours = 50_000;

const calendars = new Map<string, ZoneCalendar>();

/**
 * Wall-clock arithmetic in one IANA zone, shared by every schedule function.
 *
 * Why not DateTime.fromObject: it costs ~15µs a call and picks the LATER instant for some
 * ambiguous times (New York, London) but the earlier one for others (Sydney). Here:
 * - a wall time inside a spring-forward gap moves forward by the gap, as luxon does
 *   (02:30 on 2026-03-08 in New York is 03:30 EDT);
 * - an ambiguous fall-back wall time is the EARLIER instant (01:30 on 2026-11-01 in New
 *   York is 01:30 EDT, 05:30Z), so a check-in happens at its first occurrence.
 *
 * Offsets come from luxon's IANAZone (Intl underneath, ~5µs each) and are cached per UTC
 * hour: when the offset at both ends of an hour agrees, it holds for the whole hour (no
 * zone changes its offset twice within an hour); otherwise the exact offset is computed.
 */
export function createZoneCalendar(timeZone: string): ZoneCalendar {
  const known = calendars.get(timeZone);
  if (known !== undefined) return known;
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) {
    throw new OffhoursError('CONFIG_INVALID', `Unknown time zone "${timeZone}".`, {
      details: { timeZone },
    });
  }
  const offsetAtHourStart = new Map<number, number>();

  const readHourStartOffset = (hour: number): number => {
    let offset = offsetAtHourStart.get(hour);
    if (offset === undefined) {
      if (offsetAtHourStart.size >= maxCachedHours) offsetAtHourStart.clear();
      offset = zone.offset(hour * msPerHour);
      offsetAtHourStart.set(hour, offset);
    }
    return offset;
  };

  const readOffset = (ms: number): number => {
    const hour = Math.floor(ms / msPerHour);
    const atStart = readHourStartOffset(hour);
    return atStart === readHourStartOffset(hour + 1) ? atStart : zone.offset(ms);
  };

  const calendar: ZoneCalendar = {
    timeZone: zone.name,
    readOffset,
    readLocal(ms) {
      const local = ms + readOffset(ms) * msPerMinute;
      const day = Math.floor(local / msPerDay);
      return { day, minute: (local - day * msPerDay) / msPerMinute };
    },
    resolveWallTime(day, minute) {
      const wall = day * msPerDay + minute * msPerMinute;
      // Assumes at most one offset change within a day either side, true of every real zone.
      const before = readOffset(wall - msPerDay);
      const after = readOffset(wall + msPerDay);
      const withBefore = wall - before * msPerMinute;
      if (before === after) return withBefore;
      const withAfter = wall - after * msPerMinute;
      const beforeFits = readOffset(withBefore) === before;
      const afterFits = readOffset(withAfter) === after;
      if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
      if (afterFits) return withAfter;
      // Fits with the old offset, or falls in the gap: the old offset carries it forward.
      return withBefore;
    },
  };
  calendars.set(timeZone, calendar);
  return calendar;
}
