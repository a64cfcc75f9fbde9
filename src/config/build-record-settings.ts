import type { OffhoursFile } from './config-schema.js';
import type { OffhoursConfig } from './offhours-config.js';
import { parseDuration } from './parse-duration.js';
import { parseWallTime } from './parse-wall-time.js';

/** The `records` and `digest` settings of a valid offhours.yaml, with defaults filled in. */
export function buildRecordSettings(
  file: OffhoursFile,
): Pick<OffhoursConfig, 'records' | 'digest'> {
  const at = file.digest.at === 'first-check-in' ? null : parseWallTime(file.digest.at);
  return {
    records: {
      // The schema checked it is a duration of a day or more.
      keepForSeconds: parseDuration(file.records.keepFor) ?? 90 * 86_400,
      subjects: file.records.subjects,
    },
    digest: {
      enabled: file.digest.enabled,
      at: at === null ? 'first-check-in' : at,
      // The schema requires at least one assistant address.
      to: (file.digest.to ?? file.assistant.addresses[0] ?? '').toLowerCase(),
    },
  };
}
