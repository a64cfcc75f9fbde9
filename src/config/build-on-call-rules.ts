import type { OnCallRules } from '../schedule/client-schedule.js';
import type { OffhoursFile } from './config-schema.js';

// With a single backup the rotation never changes hands, so any start will do.
const singleBackupRotationStart = '2026-01-05T00:00';

/** The on-call rules with addresses lower-cased and the rotation zone defaulted to the VA's. */
export function buildOnCallRules(
  onCall: OffhoursFile['onCall'],
  assistantTimeZone: string,
): OnCallRules {
  return {
    backups: onCall.backups.map((backup) => ({
      name: backup.name,
      address: backup.address.toLowerCase(),
    })),
    rotation: {
      every: onCall.rotation?.every ?? 'week',
      startsAt: onCall.rotation?.startsAt ?? singleBackupRotationStart,
      timeZone: onCall.rotation?.timezone ?? assistantTimeZone,
    },
    overrides: onCall.overrides.map((override) => ({
      from: override.from,
      to: override.to,
      backup: override.backup.toLowerCase(),
    })),
  };
}
