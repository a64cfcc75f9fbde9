import type { ImapFlow } from 'imapflow';
import type { ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { openImapClient, toImapCommandError } from '../actions/with-imap-client.js';

/** Idle longer than this and the connection is logged out: far below any server's autologout. */
const defaultIdleMs = 30_000;

/**
 * One IMAP connection kept for a run of short commands (the Sent folder's search and
 * APPEND of every delivery), instead of a connection and a login per delivery: a backlog
 * that answers hundreds of senders would otherwise log in hundreds of times a minute,
 * which providers throttle. Commands run one at a time. The connection is opened on first
 * use, logged out after `idleMs` without work, dropped after any failure (the next command
 * connects afresh; the failure itself is the job's to retry), and replaced when the
 * connection settings change. `state` keeps what a caller learnt about the server for as
 * long as the connection lives (the Sent folder's path).
 */
export class ImapSession {
  private client: ImapFlow | null = null;
  private settingsKey = '';
  private idleTimer: NodeJS.Timeout | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Per connection: cleared whenever a new connection is opened. */
  readonly state = new Map<string, string>();

  constructor(
    private readonly settings: () => ImapSettings,
    private readonly readLogin?: ImapLoginSource,
    private readonly idleMs = defaultIdleMs,
  ) {}

  /** Runs `work` on the session's connection once the commands before it are done. */
  run<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.runNow(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    await this.drop();
  }

  private async runNow<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const settings = this.settings();
    const client = await this.connection(settings);
    try {
      return await work(client);
    } catch (error) {
      await this.drop();
      throw toImapCommandError(settings, error);
    } finally {
      if (this.client !== null && !this.closed) {
        this.idleTimer = setTimeout(() => void this.drop(), this.idleMs);
        this.idleTimer.unref();
      }
    }
  }

  private async connection(settings: ImapSettings): Promise<ImapFlow> {
    const key = JSON.stringify([settings.host, settings.port, settings.secure, settings.user]);
    if (this.client !== null && (key !== this.settingsKey || !this.client.usable))
      await this.drop();
    if (this.client === null) {
      this.client = await openImapClient(settings, this.readLogin);
      this.settingsKey = key;
      this.state.clear();
    }
    return this.client;
  }

  private async drop(): Promise<void> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const client = this.client;
    this.client = null;
    this.state.clear();
    if (client !== null) await client.logout().catch(() => client.close());
  }
}
