import type { AnnouncementState } from '../runtime/read-announcement-plan.js';
import { describeAbsence } from '../schedule/describe-absence.js';
import { formatLocalStamp } from '../schedule/format-local-stamp.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import type { TriageConfig } from '../triage/triage-config.js';

/**
 * What `offhours announce --dry-run` prints: per client with announcements, each coming
 * absence (those due now and those due within the look-ahead), when it is due, each
 * recipient with what would happen to them (sent already, would be sent now, later), and
 * the first message in full. Times on the client's wall clock, in its zone.
 */
export function formatAnnouncementPlan(
  plan: readonly AnnouncementState[],
  config: TriageConfig,
  now: Date,
  lookaheadDays: number,
): string {
  const lines: string[] = [
    `Days-off announcements as of ${formatLocalStamp(now, config.assistant.timeZone)} (${config.assistant.timeZone}). Dry run: nothing is sent.`,
  ];
  const announcing = config.clients.filter((client) => client.announce !== null);
  if (announcing.length === 0) {
    lines.push('No client has announce set.');
    return `${lines.join('\n')}\n`;
  }
  let wouldSend = 0;
  for (const client of announcing) {
    const { announce, schedule } = client;
    if (announce === null) continue;
    const zone = schedule.timeZone;
    const ahead = announce.daysBefore + lookaheadDays;
    const absences = plan.filter((entry) => entry.clientId === client.id);
    lines.push(
      '',
      `${client.name} (${client.id}, ${zone}): ${announce.daysBefore} days ahead, to ${announce.to === 'all' ? 'all its addresses' : `who wrote within ${Math.round(announce.recentWithinSeconds / 86_400)} days`}`,
    );
    if (absences.length === 0) {
      lines.push(`  no absence in the next ${ahead} days`);
      continue;
    }
    for (const entry of absences) {
      const absence = { start: new Date(entry.absenceStart), end: new Date(entry.absenceEnd) };
      const dueAt = new Date(entry.dueAt);
      lines.push(
        `  away ${describeAbsence(absence, zone, now)}; mail read again ${entry.resumeAt === null ? 'never within two years' : formatWallTime(new Date(entry.resumeAt), zone, now)}; ${entry.backup === null ? 'no backup on call' : `${entry.backup.name} <${entry.backup.address}> covers`}`,
        entry.due
          ? `  due since ${formatWallTime(dueAt, zone, now).replace(/^on /, '')}`
          : `  not due yet: due ${formatWallTime(dueAt, zone, now)}`,
      );
      if (entry.messages.length === 0) {
        lines.push('  nobody to tell');
        continue;
      }
      for (const message of entry.messages) {
        const state =
          message.sentAt !== null
            ? `sent already, ${formatLocalStamp(new Date(message.sentAt), zone)}`
            : entry.due
              ? 'would be sent now'
              : 'would be sent when due';
        if (message.sentAt === null && entry.due) wouldSend += 1;
        lines.push(`    ${message.to}  ${state}`);
      }
      const first = entry.messages.find((message) => message.sentAt === null) ?? entry.messages[0];
      if (first !== undefined) {
        lines.push(`  to ${first.to}:`, `    Subject: ${first.subject}`);
        for (const line of first.body.trimEnd().split('\n'))
          lines.push(line === '' ? '    |' : `    | ${line}`);
      }
    }
  }
  const others = config.clients.filter((client) => client.announce === null);
  if (others.length > 0)
    lines.push('', `Without announce: ${others.map((client) => client.id).join(', ')}.`);
  lines.push(
    '',
    wouldSend === 0
      ? 'Nothing is due to be sent now.'
      : `${wouldSend} announcement${wouldSend === 1 ? '' : 's'} due now; the daemon (offhours run) sends them at its next check (at start, every 10 minutes, after a config change).`,
  );
  return `${lines.join('\n')}\n`;
}
