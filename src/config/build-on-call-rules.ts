import type { OnCallRules, QuietHours } from '../schedule/client-schedule.js';
import { normalizeAddress } from '../triage/normalize-address.js';
import { buildWeeklyHours } from './build-weekly-hours.js';
import type { OffhoursFile } from './config-schema.js';
import { parseDuration } from './parse-duration.js';

// With a single backup the rotation never changes hands, so any start will do.
const singleBackupRotationStart = '2026-01-05T00:00';

/**
 * The on-call rules with addresses lower-cased, the rotation zone defaulted to the VA's,
 * quiet hours as weekly intervals (in the backup's zone, else the rotation's) and the
 * escalation delay in seconds.
 */
export function buildOnCallRules(
  onCall: OffhoursFile['onCall'],
  assistantTimeZone: string,
): OnCallRules {
  const rotationTimeZone = onCall.rotation?.timezone ?? assistantTimeZone;
  const quietHours: Record<string, QuietHours> = {};
  for (const backup of onCall.backups) {
    if (backup.quietHours === undefined) continue;
    quietHours[backup.address.toLowerCase()] = {
      timeZone: backup.timezone ?? rotationTimeZone,
      hours: buildWeeklyHours(backup.quietHours),
    };
  }
  return {
    backups: onCall.backups.map((backup) => ({
      name: backup.name,
      address: backup.address.toLowerCase(),
    })),
    rotation: {
      every: onCall.rotation?.every ?? 'week',
      startsAt: onCall.rotation?.startsAt ?? singleBackupRotationStart,
      timeZone: rotationTimeZone,
    },
    overrides: onCall.overrides.map((override) => ({
      from: override.from,
      to: override.to,
      backup: override.backup.toLowerCase(),
    })),
    quietHours,
    escalation:
      onCall.escalation === undefined
        ? null
        : {
            afterSeconds: parseDuration(onCall.escalation.after) ?? 0,
            finally:
              onCall.escalation.finally === undefined
                ? null
                : normalizeAddress(onCall.escalation.finally),
          },
  };
}
