import type { ImapFlow } from 'imapflow';
import type { Logger } from '../observability/create-logger.js';
import type { WatcherLock } from '../store/watcher-lock.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { readPasswordLogin, type ImapLoginSource } from '../auth/imap-login.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import { connectImapClient } from './connect-imap-client.js';
import { describeConnectFailure } from './describe-connect-failure.js';
import { resolveMailboxPath } from './resolve-mailbox-path.js';

export type WatcherState =
  'starting' | 'standby' | 'connecting' | 'watching' | 'disconnected' | 'stopped';

export interface WatchMailboxOptions {
  readonly getSettings: () => ImapSettings;
  /** The login of each connection: the password, or an OAuth2 access token. */
  readonly readLogin?: ImapLoginSource;
  readonly lock: WatcherLock;
  /** Triages whatever is new in the open mailbox; returns how many messages it handled. */
  readonly triage: (client: ImapFlow) => Promise<number>;
  readonly logger: Logger;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A sweep for missed notifications; also the heartbeat the health check reads. */
  readonly sweepEveryMs?: number;
  readonly onStateChange?: (state: WatcherState) => void;
  readonly onTriaged?: (count: number) => void;
}

/**
 * Keeps one IMAP connection open on the watched mailbox, in IDLE, and runs triage on start,
 * after every reconnect and on every new-mail notification. Reconnects with capped
 * exponential backoff and jitter. Holds the per-mailbox lock so only one watcher runs.
 */
export class MailboxWatcher {
  private stateValue: WatcherState = 'starting';
  private stopping = false;
  private wake: (() => void) | null = null;
  private client: ImapFlow | null = null;
  private running: Promise<void> | null = null;
  private triaging = false;
  private triageAgain = false;
  private loop: Promise<void> | null = null;
  private connects = 0;
  private markReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  lastCheckAt: Date | null = null;

  constructor(private readonly options: WatchMailboxOptions) {}

  get state(): WatcherState {
    return this.stateValue;
  }

  /** Successful connections after the first one. */
  get reconnects(): number {
    return Math.max(0, this.connects - 1);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the wait before the next connection attempt (e.g. new OAuth2 tokens arrived). */
  retryNow(): void {
    this.wake?.();
  }

  /** Resolves once the first triage pass has run: mail delivered after this is never skipped. */
  waitUntilReady(): Promise<void> {
    return this.ready;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    this.client?.close();
    await this.loop;
    // A lock that cannot be released (Redis away) expires by its TTL.
    await Promise.race([
      this.options.lock.release().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
    this.setState('stopped');
  }

  private setState(state: WatcherState, details: Record<string, unknown> = {}): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    const level = state === 'disconnected' ? 'warn' : 'info';
    this.options.logger[level]({ event: 'watcher_state', state, ...details }, `watcher ${state}`);
    this.options.onStateChange?.(state);
  }

  private async run(): Promise<void> {
    const backoff = this.options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
    let failures = 0;
    while (!this.stopping) {
      const locked = await this.options.lock.acquire().catch((error: unknown) => {
        this.setState('disconnected', { code: 'REDIS_UNAVAILABLE', err: error });
        return false;
      });
      if (this.stopping) break;
      if (!locked) {
        if (this.stateValue !== 'disconnected')
          this.setState('standby', { reason: 'another watcher holds the mailbox lock' });
        await this.pause(this.options.lock.ttlMs / 3);
        continue;
      }
      const outcome = await this.watchOnce();
      if (this.stopping) break;
      failures = outcome === 'connected' ? 1 : failures + 1;
      const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 20));
      await this.pause(cap / 2 + (Math.random() * cap) / 2);
    }
  }

  /** One connection's life: connect, open, triage, idle until the socket closes. */
  private async watchOnce(): Promise<'connected' | 'failed'> {
    const settings = this.options.getSettings();
    const readLogin =
      this.options.readLogin ?? ((current) => Promise.resolve(readPasswordLogin(current)));
    let client: ImapFlow | null = null;
    let connected = false;
    const timers: NodeJS.Timeout[] = [];
    try {
      if (this.stateValue !== 'disconnected') this.setState('connecting');
      const open = await connectImapClient(settings, readLogin, (connecting) => {
        this.client = connecting;
        connecting.on('error', (error: unknown) => {
          this.options.logger.debug({ event: 'imap_error', err: error }, 'IMAP connection error');
        });
      });
      client = open;
      const closed = new Promise<void>((resolve) => open.once('close', () => resolve()));
      await open.mailboxOpen(resolveMailboxPath(open, settings.mailbox));
      connected = true;
      this.connects += 1;
      this.setState('watching', { mailbox: settings.mailbox });
      open.on('exists', () => this.kick(open));
      timers.push(
        setInterval(() => {
          this.options.lock
            .acquire()
            .then((held) => {
              if (!held) {
                this.options.logger.warn(
                  { event: 'lock_lost', code: 'WATCHER_LOCKED' },
                  'mailbox lock lost; reconnecting',
                );
                open.close();
              }
            })
            .catch(() => undefined);
        }, this.options.lock.ttlMs / 3),
        setInterval(() => this.kick(open), this.options.sweepEveryMs ?? 5 * 60_000),
      );
      this.kick(open);
      await closed;
      return 'connected';
    } catch (error) {
      // A dead OAuth2 account is logged once by its token manager (AUTH_REAUTH_REQUIRED);
      // the watcher only says it waits for the login.
      this.setState(
        'disconnected',
        isOffhoursError(error) && error.code.startsWith('AUTH_')
          ? { reason: `waiting for an OAuth2 token (${error.code})` }
          : { code: 'IMAP_CONNECT_FAILED', reason: describeConnectFailure(error), err: error },
      );
      return connected ? 'connected' : 'failed';
    } finally {
      for (const timer of timers) clearInterval(timer);
      client?.close();
      this.client?.close();
      await this.running?.catch(() => undefined);
      this.client = null;
      if (!this.stopping && connected)
        this.setState('disconnected', { code: 'IMAP_CONNECT_FAILED', reason: 'connection closed' });
    }
  }

  /** Runs triage now, or once more right after the run in progress; never two at a time. */
  private kick(client: ImapFlow): void {
    if (this.triaging) {
      this.triageAgain = true;
      return;
    }
    this.triaging = true;
    this.running = (async () => {
      try {
        do {
          this.triageAgain = false;
          const count = await this.options.triage(client);
          if (this.lastCheckAt === null) {
            this.options.logger.info({ event: 'watcher_ready' }, 'watching for new mail');
            this.markReady();
          }
          this.lastCheckAt = new Date();
          if (count > 0) this.options.onTriaged?.(count);
        } while (this.triageAgain && client.usable);
      } catch (error) {
        this.options.logger.error(
          { event: 'triage_failed', code: 'IMAP_COMMAND_FAILED', err: error },
          'triage failed; the messages stay in the inbox and are retried',
        );
        // Reconnecting re-runs triage from the checkpoint, so nothing is skipped.
        client.close();
      } finally {
        this.triaging = false;
      }
      if (client.usable && !this.stopping) {
        client.idle().catch(() => undefined);
      }
    })();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
