/**
 * The normalised shape of one client's time rules, as the config loader hands it to the
 * pure schedule functions. Wall times are minutes after local midnight in `timeZone`.
 */

/** ISO weekday as luxon numbers it: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * A working interval on one day. `end` > `start`; an interval written "22:00-02:00"
 * crosses midnight and is stored as start 1320, end 1560 (it belongs to the day it starts).
 */
export interface WallInterval {
  readonly start: number;
  readonly end: number;
}

export type WeeklyHours = Readonly<Partial<Record<Weekday, readonly WallInterval[]>>>;

/** A day off. A date or range of local dates, or a yearly month-day; each may keep check-ins. */
export type DayOff =
  | {
      readonly kind: 'dates';
      readonly from: string;
      readonly to: string;
      readonly checkIns: readonly number[];
    }
  | { readonly kind: 'yearly'; readonly monthDay: string; readonly checkIns: readonly number[] }
  /** A timed absence (from an ICS event with times): unavailable between two instants (ISO, with offset). */
  | { readonly kind: 'span'; readonly start: string; readonly end: string };

export interface ClientSchedule {
  readonly timeZone: string;
  readonly hours: WeeklyHours;
  /** Check-in times on working days, minutes after local midnight, ascending. */
  readonly checkIns: readonly number[];
  readonly daysOff: readonly DayOff[];
}

export interface OnCallBackup {
  readonly name: string;
  readonly address: string;
}

/** When a backup is not to be disturbed: weekly wall-time intervals in the backup's zone. */
export interface QuietHours {
  readonly timeZone: string;
  /** Intervals belong to the day they start on, as working hours do; 22:00-07:00 crosses midnight. */
  readonly hours: WeeklyHours;
}

/** What happens when nobody acknowledges a forwarded emergency (`onCall.escalation`). */
export interface EscalationRules {
  /** Seconds a step waits for an acknowledgement before the next one. */
  readonly afterSeconds: number;
  /** Lower-cased address the emergency goes to after the backups, or null. */
  readonly finally: string | null;
}

export interface OnCallRules {
  readonly backups: readonly OnCallBackup[];
  /** Quiet hours by lower-cased backup address; a backup without an entry is never quiet. */
  readonly quietHours?: Readonly<Record<string, QuietHours>>;
  /** null or absent: a forward waits for its acknowledgement, but nothing escalates. */
  readonly escalation?: EscalationRules | null;
  /** Rotation: backups take turns, each for `every`, starting with backups[0] at `startsAt` (local wall time in `timeZone`). */
  readonly rotation: {
    readonly every: 'day' | 'week';
    readonly startsAt: string;
    readonly timeZone: string;
  };
  /** Local dates, inclusive, in the rotation's zone; a later override wins over an earlier one. */
  readonly overrides: readonly {
    readonly from: string;
    readonly to: string;
    readonly backup: string;
  }[];
}
