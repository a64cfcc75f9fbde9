import type { OnCallBackup } from '../schedule/client-schedule.js';
import { compileSchedule } from '../schedule/compile-schedule.js';
import { describeAbsence } from '../schedule/describe-absence.js';
import { findBackupOnCall } from '../schedule/find-backup-on-call.js';
import { findResumeAt } from '../schedule/find-resume-at.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import { listAbsences } from '../schedule/list-absences.js';
import { describeHowToEscalate } from './describe-how-to-escalate.js';
import { fillTemplate, type AnnouncementValues } from './fill-template.js';
import { isMailbox } from './is-mailbox.js';
import { matchClient } from './match-client.js';
import { matchesAddressList } from './matches-address-list.js';
import { normalizeAddress } from './normalize-address.js';
import { sanitizeHeaderValue } from './sanitize-header-value.js';
import type { ClientRules, TriageConfig } from './triage-config.js';

/** Someone who wrote to the VA as one client's person (the triage shell keeps them). */
export interface Correspondent {
  readonly address: string;
  readonly lastSeenAt: Date;
}

export interface AnnouncementMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** One client's coming absence and what is sent about it, to whom, when. */
export interface PlannedAnnouncement {
  readonly clientId: string;
  readonly clientName: string;
  /** The absence's first instant (ISO): with the client, its identity. */
  readonly absenceStart: string;
  readonly absenceEnd: string;
  /** When it is due (ISO): the VA's first check-in or working hour on its day, daysBefore days ahead. */
  readonly dueAt: string;
  /** dueAt has come and the absence has not begun: send now. */
  readonly due: boolean;
  /** When the VA reads this client's mail again after it (ISO), or null: not within the horizon. */
  readonly resumeAt: string | null;
  readonly backup: OnCallBackup | null;
  /** One message per recipient, in address order. */
  readonly messages: readonly AnnouncementMessage[];
}

/**
 * The days-off announcements of every client that has them (`announce`), as of `now`:
 * each absence (listAbsences) starting within the client's daysBefore days, plus
 * `lookaheadDays` more for a preview, with when it is due and one message per recipient.
 *
 * Due: from the VA's first check-in or working hour (findResumeAt) on the local day
 * daysBefore days before the absence's first day, or that day's midnight when the VA
 * does not work before the absence, until the absence begins; once it has begun, the
 * auto-replies speak for it. Recipients: `to: recent`, the client's correspondents seen
 * within recentWithin; `to: all`, the addresses of match.addresses and every known
 * correspondent. Either way only addresses that still match this client, are plain
 * mailboxes and are not the VA's, a backup's or on autoReply.neverReplyTo. What was
 * sent already is the shell's to leave out. Pure: `now` is a parameter.
 */
export function planAnnouncements(input: {
  readonly config: TriageConfig;
  readonly now: Date;
  /** The correspondents kept for a client, any age. */
  readonly correspondentsOf: (clientId: string) => readonly Correspondent[];
  readonly lookaheadDays?: number;
}): PlannedAnnouncement[] {
  const { config, now } = input;
  const planned: PlannedAnnouncement[] = [];
  for (const client of config.clients) {
    const announce = client.announce;
    if (announce === null) continue;
    const recipients = listRecipients(client, config, input.correspondentsOf(client.id), now);
    const schedule = client.schedule;
    const { calendar } = compileSchedule(schedule);
    for (const absence of listAbsences(
      schedule,
      now,
      announce.daysBefore + (input.lookaheadDays ?? 0),
    )) {
      const startMs = absence.start.getTime();
      const dueDay = calendar.readLocal(startMs).day - announce.daysBefore;
      const dueDayStart = calendar.resolveWallTime(dueDay, 0);
      const firstWork = findResumeAt(schedule, new Date(dueDayStart))?.getTime() ?? Infinity;
      const dueAt = firstWork < startMs ? firstWork : dueDayStart;
      const resumeAt = findResumeAt(schedule, absence.end);
      const backup = findBackupOnCall(config.onCall, absence.start);
      const shared = {
        clientName: client.name,
        assistantName: config.assistant.name,
        away: describeAbsence(absence, schedule.timeZone, now),
        resumeAt:
          resumeAt === null ? 'as soon as I can' : formatWallTime(resumeAt, schedule.timeZone, now),
        backupName: backup?.name ?? 'my backup',
        backupAddress: backup?.address ?? '',
      };
      const messages = recipients.map((to): AnnouncementMessage => {
        const values: AnnouncementValues = {
          ...shared,
          recipientAddress: to,
          howToEscalate: describeHowToEscalate({
            keywords: client.emergency.keywords,
            senderCanRaise:
              client.emergency.senders.length === 0 || client.emergency.senders.includes(to),
            backupName: backup?.name ?? null,
          }),
        };
        return {
          to,
          subject: sanitizeHeaderValue(fillTemplate(announce.subject, values), 250),
          body: fillTemplate(announce.body, values),
        };
      });
      planned.push({
        clientId: client.id,
        clientName: client.name,
        absenceStart: absence.start.toISOString(),
        absenceEnd: absence.end.toISOString(),
        dueAt: new Date(dueAt).toISOString(),
        due: dueAt <= now.getTime() && now.getTime() < startMs,
        resumeAt: resumeAt?.toISOString() ?? null,
        backup,
        messages,
      });
    }
  }
  return planned;
}

function listRecipients(
  client: ClientRules,
  config: TriageConfig,
  correspondents: readonly Correspondent[],
  now: Date,
): string[] {
  const announce = client.announce;
  if (announce === null) return [];
  const since = now.getTime() - announce.recentWithinSeconds * 1000;
  const candidates =
    announce.to === 'all'
      ? [...client.match.addresses, ...correspondents.map((known) => known.address)]
      : correspondents
          .filter((known) => known.lastSeenAt.getTime() >= since)
          .map((known) => known.address);
  const own = new Set(
    [...config.assistant.addresses, ...config.onCall.backups.map((backup) => backup.address)].map(
      normalizeAddress,
    ),
  );
  const kept = new Set<string>();
  for (const candidate of candidates) {
    const address = normalizeAddress(candidate);
    if (kept.has(address) || own.has(address) || !isMailbox(address)) continue;
    if (matchesAddressList(address, client.autoReply.neverReplyTo)) continue;
    if (matchClient(address, config).client?.id !== client.id) continue;
    kept.add(address);
  }
  return [...kept].sort();
}
