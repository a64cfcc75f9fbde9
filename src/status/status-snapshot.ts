import type { StoredRecord } from '../records/activity-record.js';
import type { ClientSchedule, OnCallRules } from '../schedule/client-schedule.js';

/**
 * Everything the status page shows, as the daemon's shell gathered it at one instant
 * (src/observability/read-status-snapshot.ts): plain data, no connections, so the view is a
 * pure function of it and of `now`. Instants are ISO strings.
 */
export interface StatusSnapshot {
  readonly assistant: { readonly name: string; readonly timeZone: string };
  readonly clients: readonly StatusClient[];
  readonly onCall: OnCallRules;
  /** The watcher of this process, or null in a workers-only process. */
  readonly watcher: WatcherSnapshot | null;
  /** The process holding the mailbox lease (host:pid:id), or null when none does. */
  readonly watcherHolder: string | null;
  readonly redis: 'ok' | 'unreachable';
  readonly smtp: SmtpSnapshot;
  /** One entry per OAuth2 account; empty when every login is a password. */
  readonly auth: readonly AuthSnapshot[];
  readonly held: readonly HeldSnapshot[];
  /** Records of the last days, newest first (the RecordLog's order). */
  readonly records: readonly StoredRecord[];
  /** The last config edit the daemon refused, or null when the files in force are the last written. */
  readonly configRejection: ConfigRejection | null;
  readonly calendars: readonly CalendarSnapshot[];
}

export interface StatusClient {
  readonly id: string;
  readonly name: string;
  readonly schedule: ClientSchedule;
}

export interface WatcherSnapshot {
  readonly state: 'starting' | 'standby' | 'connecting' | 'watching' | 'disconnected' | 'stopped';
  /** The end of the last successful triage check, or null before the first one. */
  readonly lastCheckAt: string | null;
  /** Why the last connection attempt failed, while it is not watching. */
  readonly failure: {
    readonly at: string;
    readonly reason: string;
    /** The server refused the login (a wrong password, a disabled account). */
    readonly loginRefused: boolean;
  } | null;
}

/** What this process's workers saw of the SMTP server. */
export interface SmtpSnapshot {
  /** The last message the server accepted, or null when none was sent since the start. */
  readonly lastSentAt: string | null;
  /** The last failed attempt (SMTP_TRANSIENT or SMTP_PERMANENT), or null. */
  readonly lastFailure: {
    readonly at: string;
    readonly code: string;
    readonly message: string;
  } | null;
}

export interface AuthSnapshot {
  readonly user: string;
  readonly provider: string;
  readonly state: 'ok' | 'reauth_required' | 'not_logged_in';
  /** The command that fixes it, or null when the account works. */
  readonly fix: string | null;
}

export interface HeldSnapshot {
  readonly messageKey: string;
  readonly clientId: string;
  readonly from: string;
  readonly subject: string;
  readonly heldAt: string;
  readonly resumeAt: string;
}

export interface ConfigRejection {
  readonly at: string;
  readonly code: string;
  /** The problems, one a line, as `offhours check` prints them (never a secret value). */
  readonly message: string;
}

export interface CalendarSnapshot {
  /** The feed's address without its secret part. */
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly failure: {
    readonly code: string;
    readonly message: string;
    readonly since: string;
  } | null;
}
