import type { ImapFlow } from 'imapflow';
import { readPasswordLogin, type ImapLoginSource } from '../auth/imap-login.js';
import type { ImapSettings } from '../config/offhours-config.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import type { Logger } from '../observability/create-logger.js';
import type { LeaseFence } from '../store/run-fenced.js';
import type { WatcherLock } from '../store/watcher-lock.js';
import {
  computeBackoffMs,
  loginBackoff,
  reconnectBackoff,
  type BackoffPolicy,
} from './compute-backoff.js';
import { connectImapClient, isLoginRefused } from './connect-imap-client.js';
import { describeConnectFailure } from './describe-connect-failure.js';
import { resolveMailboxPath } from './resolve-mailbox-path.js';

export type WatcherState =
  'starting' | 'standby' | 'connecting' | 'watching' | 'disconnected' | 'stopped';

export interface WatchMailboxOptions {
  readonly getSettings: () => ImapSettings;
  /** The login of each connection: the password, or an OAuth2 access token. */
  readonly readLogin?: ImapLoginSource;
  readonly lock: WatcherLock;
  /** Triages whatever is new in the open mailbox under the lease `fence`; returns the count. */
  readonly triage: (client: ImapFlow, fence: LeaseFence) => Promise<number>;
  /** Runs once each time the lease is taken, before the first connection under it. */
  readonly onLeaseTaken?: (fence: LeaseFence) => Promise<void>;
  readonly logger: Logger;
  readonly backoff?: { readonly network: BackoffPolicy; readonly login: BackoffPolicy };
  /** How often the lease is renewed (and a standby tries to take it). */
  readonly renewEveryMs?: number;
  /** How often an idling session is asked for the mailbox's STATUS, to catch a stale IDLE. */
  readonly heartbeatEveryMs?: number;
  /** A heartbeat without an answer within this closes the connection. */
  readonly heartbeatTimeoutMs?: number;
  /** A triage pass for missed notifications, whatever the heartbeat says. */
  readonly sweepEveryMs?: number;
  readonly random?: () => number;
  readonly onStateChange?: (state: WatcherState) => void;
  readonly onTriaged?: (count: number) => void;
}

/** One lease, as the watcher holds it: lost when a renewal is refused or comes too late. */
interface HeldLease {
  readonly fence: LeaseFence;
  /** The lease is certainly ours until then: the send time of the last renewal plus the TTL. */
  validUntil: number;
  lost: boolean;
}

/**
 * Keeps one IMAP connection open on the watched mailbox, in IDLE, and runs triage on start,
 * after every reconnect and on every new-mail notification. Only while it holds the
 * mailbox lease: a standby polls for it, the holder renews it, and on losing it the
 * connection is closed at once. Reconnects with a short capped backoff (a long one for
 * refused logins), and a heartbeat STATUS notices a dead or stale IDLE session.
 */
export class MailboxWatcher {
  private stateValue: WatcherState = 'starting';
  private stopping = false;
  private wake: (() => void) | null = null;
  private client: ImapFlow | null = null;
  private lease: HeldLease | null = null;
  private running: Promise<void> | null = null;
  private triaging = false;
  private triageAgain = false;
  private loop: Promise<void> | null = null;
  private connects = 0;
  private markReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  lastCheckAt: Date | null = null;
  /** Why the last connection attempt failed; null once watching again (the status page). */
  lastFailure: { at: Date; reason: string; loginRefused: boolean } | null = null;

  constructor(private readonly options: WatchMailboxOptions) {}

  get state(): WatcherState {
    return this.stateValue;
  }

  /** Successful connections after the first one. */
  get reconnects(): number {
    return Math.max(0, this.connects - 1);
  }

  /** Whether this watcher holds the mailbox lease right now. */
  get holdsLease(): boolean {
    return this.lease !== null && !this.lease.lost && Date.now() < this.lease.validUntil;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the wait before the next connection attempt (e.g. new OAuth2 tokens arrived). */
  retryNow(): void {
    this.wake?.();
  }

  /** Closes the connection and opens a new one with the current settings, keeping the lease. */
  reconnect(): void {
    this.client?.close();
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
    const lease = this.lease;
    this.lease = null;
    // A lease that cannot be released (Redis away) runs out by itself within its TTL.
    if (lease !== null && !lease.lost) {
      await Promise.race([
        this.options.lock.release(lease.fence).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
      ]);
    }
    this.setState('stopped');
  }

  private get renewEveryMs(): number {
    return this.options.renewEveryMs ?? Math.max(100, Math.floor(this.options.lock.ttlMs / 3));
  }

  private setState(state: WatcherState, details: Record<string, unknown> = {}): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    const level = state === 'disconnected' ? 'warn' : 'info';
    this.options.logger[level]({ event: 'watcher_state', state, ...details }, `watcher ${state}`);
    this.options.onStateChange?.(state);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const lease = await this.takeLease();
      if (lease === null) break;
      const renewing = this.keepLease(lease);
      try {
        await this.options.onLeaseTaken?.(lease.fence);
        await this.watchWhileLeased(lease);
      } catch (error) {
        this.options.logger.error(
          { event: 'lease_start_failed', code: codeOf(error), err: error },
          'could not start watching under the new lease; giving it up',
        );
        await this.options.lock.release(lease.fence).catch(() => undefined);
        lease.lost = true;
      } finally {
        clearInterval(renewing);
      }
      if (!this.stopping) await this.pause(this.renewEveryMs);
    }
  }

  /** Waits as a standby until the lease is free, then takes it; null when stopping. */
  private async takeLease(): Promise<HeldLease | null> {
    while (!this.stopping) {
      const sentAt = Date.now();
      const fence = await this.options.lock.tryAcquire().catch((error: unknown) => {
        this.setState('disconnected', { code: 'REDIS_UNAVAILABLE', err: error });
        return null;
      });
      if (this.stopping) {
        if (fence !== null) await this.options.lock.release(fence).catch(() => undefined);
        return null;
      }
      if (fence !== null) {
        this.lease = { fence, validUntil: sentAt + this.options.lock.ttlMs, lost: false };
        this.options.logger.info(
          { event: 'lease_taken', token: fence.token },
          'took the mailbox lease',
        );
        return this.lease;
      }
      if (this.stateValue !== 'disconnected')
        this.setState('standby', { reason: 'another watcher holds the mailbox lease' });
      await this.pause(this.renewEveryMs);
    }
    return null;
  }

  /** Renews the lease on a timer; a refusal, or no renewal in time, loses it. */
  private keepLease(lease: HeldLease): NodeJS.Timeout {
    let renewing = false;
    return setInterval(() => {
      if (lease.lost) return;
      if (Date.now() >= lease.validUntil) {
        this.loseLease(lease, 'no renewal within the lease');
        return;
      }
      if (renewing) return;
      renewing = true;
      const sentAt = Date.now();
      this.options.lock
        .renew(lease.fence)
        .then((held) => {
          if (held) lease.validUntil = sentAt + this.options.lock.ttlMs;
          else this.loseLease(lease, 'another watcher took the lease');
        })
        .catch(() => undefined)
        .finally(() => {
          renewing = false;
        });
    }, this.renewEveryMs);
  }

  private loseLease(lease: HeldLease, reason: string): void {
    if (lease.lost || this.stopping) return;
    lease.lost = true;
    this.options.logger.warn(
      { event: 'lock_lost', code: 'LEASE_LOST', reason },
      'mailbox lease lost; closing the connection',
    );
    this.client?.close();
    this.wake?.();
  }

  /** Connects and watches, reconnecting after failures, until the lease is lost or we stop. */
  private async watchWhileLeased(lease: HeldLease): Promise<void> {
    const backoff = this.options.backoff ?? { network: reconnectBackoff, login: loginBackoff };
    const random = this.options.random ?? Math.random;
    let failures = 0;
    while (!this.stopping && !lease.lost) {
      const outcome = await this.watchOnce(lease);
      if (this.stopping || lease.lost) break;
      failures = outcome === 'connected' ? 1 : failures + 1;
      const policy = outcome === 'login-refused' ? backoff.login : backoff.network;
      await this.pause(computeBackoffMs(failures, policy, random()));
    }
  }

  /** One connection's life: connect, open, triage, idle until the socket closes. */
  private async watchOnce(lease: HeldLease): Promise<'connected' | 'failed' | 'login-refused'> {
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
      const path = resolveMailboxPath(open, settings.mailbox);
      const opened = await open.mailboxOpen(path);
      if (lease.lost || this.stopping) return 'connected';
      connected = true;
      this.connects += 1;
      this.lastFailure = null;
      this.setState('watching', { mailbox: settings.mailbox });
      open.on('exists', () => this.kick(open, lease));
      timers.push(
        setInterval(
          () => void this.checkHeartbeat(open, path, String(opened.uidValidity)),
          this.options.heartbeatEveryMs ?? 20_000,
        ),
        setInterval(() => this.kick(open, lease), this.options.sweepEveryMs ?? 5 * 60_000),
      );
      this.kick(open, lease);
      await closed;
      return 'connected';
    } catch (error) {
      // A dead OAuth2 account is logged once by its token manager (AUTH_REAUTH_REQUIRED);
      // the watcher only says it waits for the login.
      const waitsForToken = isOffhoursError(error) && error.code.startsWith('AUTH_');
      this.lastFailure = {
        at: new Date(),
        reason: waitsForToken ? 'waiting for an OAuth2 login' : describeConnectFailure(error),
        loginRefused: !waitsForToken && isLoginRefused(error),
      };
      this.setState(
        'disconnected',
        waitsForToken
          ? { reason: `waiting for an OAuth2 token (${error.code})` }
          : { code: 'IMAP_CONNECT_FAILED', reason: describeConnectFailure(error), err: error },
      );
      if (connected) return 'connected';
      return isLoginRefused(error) ? 'login-refused' : 'failed';
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

  /**
   * Asks the server for the mailbox's STATUS on the idling connection. imapflow applies
   * the counts to the open mailbox and emits `exists` when they moved (a missed
   * notification); a new UIDVALIDITY means the mailbox was replaced under the session,
   * which the server never tells an IDLE session; no answer means a dead connection.
   * Either way the connection is closed and the reconnect triages from the checkpoint.
   */
  private async checkHeartbeat(client: ImapFlow, path: string, uidValidity: string): Promise<void> {
    if (!client.usable) return;
    const timeoutMs = this.options.heartbeatTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([
      client.status(path, { messages: true, uidNext: true, uidValidity: true }).then(
        (status) =>
          status === false
            ? 'failed'
            : String(status.uidValidity) === uidValidity
              ? 'ok'
              : 'replaced',
        () => 'failed' as const,
      ),
      deadline,
    ]).finally(() => clearTimeout(timer));
    if (!client.usable || this.stopping) return;
    if (outcome !== 'ok') {
      const reasons = {
        timeout: `no answer within ${timeoutMs} ms`,
        replaced: 'the mailbox was replaced under the session (new UIDVALIDITY)',
        failed: 'STATUS failed',
      };
      this.options.logger.warn(
        { event: 'heartbeat_failed', code: 'IMAP_CONNECT_FAILED', reason: reasons[outcome] },
        'IMAP session dead or stale; reconnecting',
      );
      client.close();
      return;
    }
    this.lastCheckAt = new Date();
    if (!this.triaging) client.idle().catch(() => undefined);
  }

  /** Runs triage now, or once more right after the run in progress; never two at a time. */
  private kick(client: ImapFlow, lease: HeldLease): void {
    if (this.triaging) {
      this.triageAgain = true;
      return;
    }
    this.triaging = true;
    this.running = (async () => {
      try {
        do {
          this.triageAgain = false;
          if (lease.lost) break;
          const count = await this.options.triage(client, lease.fence);
          if (this.lastCheckAt === null) {
            this.options.logger.info({ event: 'watcher_ready' }, 'watching for new mail');
            this.markReady();
          }
          this.lastCheckAt = new Date();
          if (count > 0) this.options.onTriaged?.(count);
        } while (this.triageAgain && client.usable);
      } catch (error) {
        const code = codeOf(error) === 'LEASE_LOST' ? 'LEASE_LOST' : 'IMAP_COMMAND_FAILED';
        this.options.logger.error(
          { event: 'triage_failed', code, err: error },
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

function codeOf(error: unknown): string {
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'INTERNAL';
}
