import type { MailAuth } from '../auth/oauth-account.js';
import type { TriageConfig } from '../triage/triage-config.js';

/** TLS options for a server with a private certificate; `ca` is an absolute path. */
export interface TlsOptions {
  readonly rejectUnauthorized?: boolean;
  readonly ca?: string;
}

export interface ImapSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  readonly auth: MailAuth;
  readonly mailbox: string;
  readonly holdMailbox: string;
  /** `imap.sentMailbox`; unset: the folder marked \\Sent, else Sent. */
  readonly sentMailbox?: string;
  readonly tls?: TlsOptions;
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** Set when the server needs a login (`auth` then says how). */
  readonly user?: string;
  readonly auth?: MailAuth;
  /** Lower-cased sender address of replies. */
  readonly from: string;
  /** Who keeps the Sent copy a retry looks for (`auto` resolved). */
  readonly sentCopy: SentCopy;
  readonly tls?: TlsOptions;
}

export type SentCopy = 'server' | 'append' | 'none';

export interface RecordSettings {
  readonly keepForSeconds: number;
  /** false: records keep no subjects. */
  readonly subjects: boolean;
}

export interface DigestSettings {
  readonly enabled: boolean;
  /** 'first-check-in', or minutes after midnight in the assistant's zone. */
  readonly at: 'first-check-in' | number;
  /** Lower-cased address the digest goes to. */
  readonly to: string;
}

/** A calendar feed (`daysOff: [{ ics: https://… }]`) of one client; the daemon fetches it. */
export interface CalendarFeed {
  readonly clientId: string;
  readonly url: string;
  /** The client's zone: floating times in the feed are read in it. */
  readonly timeZone: string;
  readonly refreshEverySeconds: number;
}

/** Everything offhours runs on, loaded and normalised from offhours.yaml and the client files. */
export interface OffhoursConfig extends TriageConfig {
  /** Absolute path of offhours.yaml. */
  readonly sourcePath: string;
  /** Its folder; relative paths in the config are resolved against it. */
  readonly configDir: string;
  readonly imap: ImapSettings;
  readonly smtp: SmtpSettings;
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly http: {
    readonly host: string;
    readonly port: number | null;
    /** The secret /status asks for; null: none (only allowed on a loopback host). */
    readonly token: string | null;
  };
  readonly limits: { readonly perAddressPerHour: number; readonly globalPerMinute: number };
  readonly records: RecordSettings;
  readonly digest: DigestSettings;
  /** Calendar feeds of every client; their days off are added to the schedules as they arrive. */
  readonly calendarFeeds: readonly CalendarFeed[];
  /** Absolute paths of every file the config was read from, for the reload watcher. */
  readonly files: readonly string[];
}
