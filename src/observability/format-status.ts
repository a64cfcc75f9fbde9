import { DateTime } from 'luxon';
import { formatWallTime } from '../schedule/format-wall-time.js';
import type { AvailabilityReason } from '../schedule/check-availability.js';
import type { QueueCounts, StatusReport } from './read-status.js';

const reasonText: Record<AvailabilityReason, string> = {
  AVAILABLE_IN_HOURS: 'working hours',
  UNAVAILABLE_OUTSIDE_HOURS: 'outside working hours',
  UNAVAILABLE_NOT_WORKING_DAY: 'not a working day',
  UNAVAILABLE_DAY_OFF: 'day off',
  UNAVAILABLE_ABSENCE: 'away',
};

/**
 * `offhours status` for a person: who is on call, what is held and when it comes back (on
 * each client's own wall clock), what is queued, and when the VA next looks at each client.
 */
export function formatStatus(report: StatusReport, now: Date): string {
  const when = (iso: string, timeZone: string): string =>
    formatWallTime(new Date(iso), timeZone, now);
  const lines: string[] = [
    `offhours status, ${DateTime.fromISO(report.at, { zone: report.timeZone }).toFormat('ccc d LLL HH:mm')} ${report.timeZone}, Redis prefix ${report.prefix}`,
    `  on call  ${report.onCall === null ? 'nobody (no backups configured)' : `${report.onCall.name} <${report.onCall.address}>`}`,
    `  watcher  ${report.watcher === null ? 'none: no offhours process is watching the mailbox' : `running (${report.watcher})`}`,
    ...report.auth.map(
      (account) =>
        `  auth     ${account.user} (${account.provider}): ${
          account.fix === null
            ? 'tokens ok'
            : `${account.state === 'not_logged_in' ? 'not logged in' : 'login needed, mail is left untouched'}: run ${account.fix}`
        }`,
    ),
    '',
    report.held.length === 0
      ? 'Held: nothing'
      : `Held: ${report.held.length} message${report.held.length === 1 ? '' : 's'}`,
  ];
  for (const entry of report.held) {
    lines.push(
      `  ${entry.clientId}  back ${when(entry.resumeAt, entry.timeZone)}  from ${entry.from || '(unknown sender)'}  "${entry.subject || '(no subject)'}"`,
    );
  }
  lines.push('', 'Queued:');
  lines.push(`  mail (replies, forwards)  ${describeCounts(report.queues.mail)}`);
  lines.push(`  hold (releases)           ${describeCounts(report.queues.hold)}`);
  for (const release of report.nextReleases) {
    lines.push(
      `  release of ${release.clientId}${release.sender === null ? '' : ` (mail from ${release.sender})`} ${when(release.dueAt, release.timeZone)}`,
    );
  }
  if (report.calendars.length > 0) lines.push('', 'Calendar feeds:');
  for (const calendar of report.calendars) {
    const copy =
      calendar.fetchedAt === null
        ? 'no copy yet: its days off are not known'
        : `copy from ${when(calendar.fetchedAt, report.timeZone)} in force`;
    lines.push(
      `  ${calendar.url} (${calendar.clientIds.join(', ')})  ${
        calendar.failure === null
          ? `ok, ${copy}${calendar.checkedAt === null ? '' : `, last asked ${when(calendar.checkedAt, report.timeZone)}`}`
          : `FAILING since ${when(calendar.failure.since, report.timeZone)}: ${calendar.failure.code}: ${calendar.failure.message}; ${copy}`
      }`,
    );
  }
  lines.push('', 'Clients:');
  for (const client of report.clients) {
    const state = client.available
      ? 'available now'
      : `not available (${reasonText[client.reason]}), next looks at mail ${
          client.nextLookAt === null ? 'never' : when(client.nextLookAt, client.timeZone)
        }`;
    lines.push(`  ${client.id} (${client.name}, ${client.timeZone})  ${state}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeCounts(counts: QueueCounts): string {
  return `${counts.waiting} waiting, ${counts.delayed} scheduled, ${counts.active} running, ${counts.failed} failed`;
}
