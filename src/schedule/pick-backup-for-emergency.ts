import type { OnCallBackup, OnCallRules } from './client-schedule.js';
import { findBackupOnCall } from './find-backup-on-call.js';
import { isInQuietHours } from './is-in-quiet-hours.js';
import { listBackupsInTurn } from './list-backups-in-turn.js';

export interface PickedBackup {
  readonly backup: OnCallBackup;
  /** Backups passed over because they were in their quiet hours, in rotation order. */
  readonly skipped: readonly OnCallBackup[];
  /** Every backup was in quiet hours, so the one on call gets it anyway. */
  readonly allQuiet: boolean;
}

/**
 * Who receives an emergency at `at`: the backup on call, or, while that one is in quiet
 * hours, the next backup in the rotation who is not. When every backup is in quiet hours
 * the one on call still receives it (an emergency always reaches someone; escalation then
 * moves on to `finally`). Null when there are no backups.
 */
export function pickBackupForEmergency(onCall: OnCallRules, at: Date): PickedBackup | null {
  const onDuty = findBackupOnCall(onCall, at);
  if (onDuty === null) return null;
  const skipped: OnCallBackup[] = [];
  for (const backup of listBackupsInTurn(onCall, onDuty.address)) {
    if (!isInQuietHours(onCall.quietHours?.[backup.address.toLowerCase()], at))
      return { backup, skipped, allQuiet: false };
    skipped.push(backup);
  }
  return { backup: onDuty, skipped, allQuiet: true };
}
