import { OffhoursError } from '../errors/offhours-error.js';
import type { OnCallBackup, OnCallRules } from './client-schedule.js';
import { createZoneCalendar } from './create-zone-calendar.js';
import { parseLocalDate, requireLocalDate } from './parse-local-date.js';
import { readInstant } from './read-instant.js';

const startsAtPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * The backup on call at `at`, or null when there are no backups.
 *
 * Turns change at the local wall time of `rotation.startsAt`, every day or every week, in
 * the rotation's zone, so a DST change never moves the handover (a Monday 09:00 handover
 * stays at 09:00). Before `startsAt` the rotation runs backwards: the turn just before the
 * first one belongs to the last backup. An override covers whole local dates, from 00:00,
 * and the last matching override whose address (compared case-insensitively) is one of the
 * backups wins; an override naming an unknown address is ignored.
 */
export function findBackupOnCall(onCall: OnCallRules, at: Date): OnCallBackup | null {
  const ms = readInstant(at);
  const { backups, rotation } = onCall;
  if (backups.length === 0) return null;
  const calendar = createZoneCalendar(rotation.timeZone);
  const today = calendar.readLocal(ms).day;

  for (let index = onCall.overrides.length - 1; index >= 0; index -= 1) {
    const override = onCall.overrides[index];
    if (override === undefined) continue;
    if (
      today < requireLocalDate(override.from, 'on-call override') ||
      today > requireLocalDate(override.to, 'on-call override')
    )
      continue;
    const address = override.backup.toLowerCase();
    const backup = backups.find((candidate) => candidate.address.toLowerCase() === address);
    if (backup !== undefined) return backup;
  }

  const start = parseStartsAt(rotation.startsAt);
  const turnDays = rotation.every === 'week' ? 7 : 1;
  let turn = Math.floor((today - start.day) / turnDays);
  if (ms < calendar.resolveWallTime(start.day + turn * turnDays, start.minute)) turn -= 1;
  const count = backups.length;
  return backups[((turn % count) + count) % count] ?? null;
}

function parseStartsAt(text: string): { day: number; minute: number } {
  const match = startsAtPattern.exec(text);
  const day = match?.[1] === undefined ? undefined : parseLocalDate(match[1]);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (day === undefined || hour > 23 || minute > 59) {
    throw new OffhoursError(
      'CONFIG_INVALID',
      `rotation.startsAt "${text}" is not YYYY-MM-DDTHH:mm.`,
      {
        details: { value: text },
      },
    );
  }
  return { day, minute: hour * 60 + minute };
}
