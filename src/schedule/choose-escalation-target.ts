import type { OnCallBackup, OnCallRules } from './client-schedule.js';
import { isInQuietHours } from './is-in-quiet-hours.js';
import { listBackupsInTurn } from './list-backups-in-turn.js';

export type EscalationTarget =
  | {
      readonly kind: 'backup';
      readonly backup: OnCallBackup;
      /** Backups not yet asked that were passed over for their quiet hours. */
      readonly skipped: readonly OnCallBackup[];
    }
  | {
      readonly kind: 'finally';
      readonly address: string;
      readonly skipped: readonly OnCallBackup[];
    };

/**
 * Where an unacknowledged emergency goes next, at `at`, given the addresses it already went
 * to (`asked`, in order; the first is the backup the emergency was forwarded to). The next
 * backup in the rotation after the first, not yet asked and not in quiet hours; when none
 * is left, `escalation.finally` once; then null: the escalation is over. Also null when no
 * escalation is configured.
 */
export function chooseEscalationTarget(
  onCall: OnCallRules,
  asked: readonly string[],
  at: Date,
): EscalationTarget | null {
  const escalation = onCall.escalation ?? null;
  if (escalation === null) return null;
  const done = new Set(asked.map((address) => address.toLowerCase()));
  const skipped: OnCallBackup[] = [];
  for (const backup of listBackupsInTurn(onCall, asked[0] ?? '')) {
    const address = backup.address.toLowerCase();
    if (done.has(address)) continue;
    if (!isInQuietHours(onCall.quietHours?.[address], at))
      return { kind: 'backup', backup, skipped };
    skipped.push(backup);
  }
  if (escalation.finally === null || done.has(escalation.finally.toLowerCase())) return null;
  return { kind: 'finally', address: escalation.finally, skipped };
}
