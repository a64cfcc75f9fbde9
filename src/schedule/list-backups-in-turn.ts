import type { OnCallBackup, OnCallRules } from './client-schedule.js';

/**
 * The backups in rotation order, starting with `first` (compared case-insensitively) and
 * going round: with Ann, Bob and Cat, starting at Bob gives Bob, Cat, Ann. When `first` is
 * not one of the backups the list order is kept.
 */
export function listBackupsInTurn(onCall: OnCallRules, first: string): OnCallBackup[] {
  const { backups } = onCall;
  const start = backups.findIndex((backup) => backup.address.toLowerCase() === first.toLowerCase());
  if (start <= 0) return [...backups];
  return [...backups.slice(start), ...backups.slice(0, start)];
}
