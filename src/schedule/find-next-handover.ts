import type { OnCallBackup, OnCallRules } from './client-schedule.js';
import { createZoneCalendar } from './create-zone-calendar.js';
import { findBackupOnCall } from './find-backup-on-call.js';
import { readInstant } from './read-instant.js';

export interface Handover {
  /** When the next backup takes over. */
  readonly at: Date;
  readonly backup: OnCallBackup;
}

const startsAtTimePattern = /T(\d{2}):(\d{2})$/;

/**
 * When someone other than the backup on call at `at` takes over, and who, or null when
 * nobody does within `horizonDays` (one backup, or overrides that keep the same person).
 *
 * The on call can only change at the rotation's wall time (a turn) or at a local midnight
 * of the rotation's zone (an override starts or ends), so those instants are tried in order
 * with findBackupOnCall, which stays the one definition of who is on call.
 */
export function findNextHandover(onCall: OnCallRules, at: Date, horizonDays = 60): Handover | null {
  const ms = readInstant(at);
  const current = findBackupOnCall(onCall, at);
  if (current === null) return null;
  const calendar = createZoneCalendar(onCall.rotation.timeZone);
  const match = startsAtTimePattern.exec(onCall.rotation.startsAt);
  const turnMinute = Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
  const today = calendar.readLocal(ms).day;
  for (let day = today; day <= today + horizonDays; day += 1) {
    const candidates = [...new Set([0, turnMinute])]
      .sort((a, b) => a - b)
      .map((minute) => calendar.resolveWallTime(day, minute))
      .filter((instant) => instant > ms);
    for (const instant of candidates) {
      const next = findBackupOnCall(onCall, new Date(instant));
      if (next !== null && next.address.toLowerCase() !== current.address.toLowerCase())
        return { at: new Date(instant), backup: next };
    }
  }
  return null;
}
