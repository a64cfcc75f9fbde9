import type { ClientSchedule, OnCallRules } from '../schedule/client-schedule.js';

/**
 * The part of the loaded configuration that the pure decision core reads. The config
 * loader (src/config/) produces a superset of this (adding IMAP, SMTP, Redis, HTTP),
 * already normalised: addresses lower-cased, durations in seconds, times in minutes.
 */
export interface ClientRules {
  /** The client's id: its file name without extension, e.g. 'acme'. */
  readonly id: string;
  readonly name: string;
  /** Config file the client came from, for messages. */
  readonly file: string;
  readonly match: {
    /** Lower-cased exact addresses. */
    readonly addresses: readonly string[];
    /** Lower-cased domains; subdomains match too; '*' matches any sender. */
    readonly domains: readonly string[];
  };
  readonly schedule: ClientSchedule;
  readonly emergency: {
    /** Whole words or phrases, matched case-insensitively in subject or body. */
    readonly keywords: readonly string[];
    /** When non-empty, only these senders (normalised addresses) can raise an emergency. */
    readonly senders: readonly string[];
    /** When true, automated mail can be an emergency: forwarded, never replied to. */
    readonly automated: boolean;
  };
  readonly autoReply: {
    /** false: never reply for this client (still holds and forwards). */
    readonly enabled: boolean;
    /** Template with {{placeholders}}: subject, senderName, senderAddress, clientName, assistantName, resumeAt, backupName, backupAddress, howToEscalate. */
    readonly subject: string;
    readonly body: string;
    readonly emergencyBody: string;
    /** Once-per-sender period in seconds (1 hour .. 30 days). */
    readonly oncePerSeconds: number;
    /** RFC 5230 check: reply only when one of the VA's addresses is a recipient. */
    readonly checkRecipient: boolean;
    /** Addresses and domains answered even when robot or bulk heuristics fire. */
    readonly alwaysReplyTo: readonly string[];
    /** Addresses and domains never answered; wins over alwaysReplyTo. */
    readonly neverReplyTo: readonly string[];
  };
  /**
   * The reply-time promise: seconds of working time within which the VA answers a message
   * that needs a reply (`replyWithin`); null: no promise.
   */
  readonly replyWithinSeconds: number | null;
  /** Days-off announcements; null: none for this client. */
  readonly announce: AnnounceRules | null;
}

/** Days-off announcements of one client (`announce`); planAnnouncements reads them. */
export interface AnnounceRules {
  /** Local days before an absence's first day on which the announcement is due. */
  readonly daysBefore: number;
  /** recent: who wrote within recentWithinSeconds; all: match.addresses and every known correspondent. */
  readonly to: 'recent' | 'all';
  readonly recentWithinSeconds: number;
  /** Templates with the announcement's {{placeholders}} (AnnouncementValues). */
  readonly subject: string;
  readonly body: string;
}

export interface TriageConfig {
  readonly assistant: {
    readonly name: string;
    /** Lower-cased addresses and aliases of the VA. */
    readonly addresses: readonly string[];
    readonly timeZone: string;
    /**
     * authserv-ids of the VA's own receiving server: only Authentication-Results headers
     * stamped with one of these are believed (assessSender). Lower-cased; may be empty.
     */
    readonly authservIds: readonly string[];
  };
  readonly onCall: OnCallRules;
  /** 'ignore', or the id of the client whose rules apply to every unmatched sender. */
  readonly unknownSenders: string;
  readonly clients: readonly ClientRules[];
}
