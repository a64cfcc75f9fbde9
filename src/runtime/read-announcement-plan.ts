import type { AnnouncementLedger } from '../store/announcement-ledger.js';
import type { CorrespondentLedger } from '../store/correspondent-ledger.js';
import {
  planAnnouncements,
  type AnnouncementMessage,
  type Correspondent,
  type PlannedAnnouncement,
} from '../triage/plan-announcements.js';
import type { TriageConfig } from '../triage/triage-config.js';

/** A planned message, with when it went out if it did (ISO), else null. */
export interface AnnouncementMessageState extends AnnouncementMessage {
  readonly sentAt: string | null;
}

export interface AnnouncementState extends Omit<PlannedAnnouncement, 'messages'> {
  readonly messages: readonly AnnouncementMessageState[];
}

/**
 * The days-off announcements as of `now` (planAnnouncements), with the correspondents and
 * what was sent read from one mailbox's ledgers: what the daemon queues, and what
 * `offhours announce --dry-run` shows.
 */
export async function readAnnouncementPlan(
  config: TriageConfig,
  now: Date,
  ledgers: {
    readonly correspondents: Pick<CorrespondentLedger, 'list'>;
    readonly announced: Pick<AnnouncementLedger, 'read'>;
  },
  lookaheadDays = 0,
): Promise<AnnouncementState[]> {
  const announcing = config.clients.filter((client) => client.announce !== null);
  const known = new Map<string, Correspondent[]>(
    await Promise.all(
      announcing.map(
        async (client) => [client.id, await ledgers.correspondents.list(client.id)] as const,
      ),
    ),
  );
  const planned = planAnnouncements({
    config,
    now,
    correspondentsOf: (clientId) => known.get(clientId) ?? [],
    lookaheadDays,
  });
  return Promise.all(
    planned.map(async (announcement): Promise<AnnouncementState> => {
      const sent = await ledgers.announced.read(
        announcement.clientId,
        new Date(announcement.absenceStart),
      );
      return {
        ...announcement,
        messages: announcement.messages.map((message) => ({
          ...message,
          sentAt: sent.get(message.to)?.at ?? null,
        })),
      };
    }),
  );
}
