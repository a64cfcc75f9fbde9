import { DateTime } from 'luxon';
import { findTemplateWarnings } from '../config/find-template-warnings.js';
import type { FeedReport } from '../calendar/read-calendar-feeds-once.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { checkAvailability } from '../schedule/check-availability.js';
import { findBackupOnCall } from '../schedule/find-backup-on-call.js';
import { findResumeAt } from '../schedule/find-resume-at.js';
import { findScheduleWarnings } from '../schedule/find-schedule-warnings.js';
import { formatWallTime } from '../schedule/format-wall-time.js';

export interface CheckReport {
  readonly ok: boolean;
  readonly text: string;
}

/** How far ahead `check` looks for DST gaps (a year covers both changes in every zone). */
const warningHorizonDays = 366;

/**
 * What `offhours check` prints for a config that loaded: per client its zone, whether the
 * VA is available now, the next check-in and who is on call; warnings for DST gaps,
 * overlapping intervals and reply texts that promise what the rules do not do, and how each
 * calendar feed (fetched by the caller, readCalendarFeedsOnce) fared: a feed that cannot be
 * reached is a warning (the daemon keeps its last good copy), a malformed or oversized one
 * an error. A client who is never available again makes the config invalid: held mail
 * would never come back.
 */
export function checkCommand(
  config: OffhoursConfig,
  now: Date,
  feeds: readonly FeedReport[] = [],
): CheckReport {
  const lines: string[] = [];
  let ok = true;
  const onCall = findBackupOnCall(config.onCall, now);
  lines.push(
    `offhours config ${config.sourcePath}: ${config.clients.length} client${config.clients.length === 1 ? '' : 's'}`,
    `  assistant  ${config.assistant.name} <${config.assistant.addresses.join(', ')}> (${config.assistant.timeZone})`,
    `  on call    ${onCall === null ? 'nobody (no backups configured): emergencies are held, not forwarded' : `${onCall.name} <${onCall.address}>`}`,
    `  mailbox    ${config.imap.user} on ${config.imap.host}:${config.imap.port}, watching ${config.imap.mailbox}, holding in ${config.imap.holdMailbox}`,
    '',
  );
  for (const client of config.clients) {
    const zone = client.schedule.timeZone;
    const availability = checkAvailability(client.schedule, now);
    const resumeAt = findResumeAt(client.schedule, now);
    lines.push(`${client.id} (${client.name})  ${client.file}`);
    for (const feed of feeds.filter((report) => report.clientIds.includes(client.id))) {
      const { outcome } = feed;
      if (outcome.ok) {
        lines.push(
          `  calendar   ${feed.url}: read, ${outcome.daysOff} ${outcome.daysOff === 1 ? 'day off or absence' : 'days off or absences'}`,
        );
      } else if (outcome.code === 'CALENDAR_UNREACHABLE') {
        lines.push(
          `  warning    ${outcome.code}: ${outcome.message} (a running daemon keeps its last good copy)`,
        );
      } else {
        ok = false;
        lines.push(`  ERROR ${outcome.code}: ${outcome.message}`);
      }
    }
    lines.push(
      `  time zone  ${zone}, now ${DateTime.fromJSDate(now, { zone }).toFormat('ccc d LLL HH:mm')}`,
    );
    lines.push(
      `  now        ${availability.available ? 'available (working hours)' : `not available (${availability.reason})`}`,
    );
    if (resumeAt === null) {
      ok = false;
      lines.push(
        '  ERROR CONFIG_NEVER_AVAILABLE: this client has no working hours or check-in in the next two years, so held mail would never come back',
      );
    } else if (!availability.available) {
      lines.push(`  next look  ${formatWallTime(resumeAt, zone, now)} (${resumeAt.toISOString()})`);
    }
    for (const warning of [
      ...findScheduleWarnings(client.schedule, now, warningHorizonDays),
      ...findTemplateWarnings(client, config),
    ]) {
      lines.push(`  warning    ${warning.code}: ${warning.message}`);
    }
    lines.push('');
  }
  lines.push(ok ? 'config OK' : 'config INVALID');
  return { ok, text: `${lines.join('\n')}\n` };
}
