import { isOffhoursError, OffhoursError } from '../errors/offhours-error.js';
import type { Logger } from '../observability/create-logger.js';
import type { OAuthAccount } from './oauth-account.js';
import type { RefreshLock } from './refresh-lock.js';
import type { StoredTokens, TokenSet, TokenStore } from './token-store.js';

export type AuthState = 'unknown' | 'ok' | 'reauth_required';

export interface AccessToken {
  readonly accessToken: string;
  /** Epoch ms, or null when the provider did not say. */
  readonly expiresAt: number | null;
  /** From this moment (epoch ms) ask again: the manager renews it then. Null: no expiry known. */
  readonly renewAt: number | null;
}

export interface TokenManagerOptions {
  readonly account: OAuthAccount;
  readonly store: TokenStore;
  readonly lock: RefreshLock;
  /** One refresh-token grant (refreshTokenSet bound to the account's configuration). */
  readonly refresh: (current: TokenSet) => Promise<TokenSet>;
  readonly logger: Logger;
  /** What to tell the person when a login is needed, e.g. "offhours auth login --config F". */
  readonly loginCommand: string;
  /** Real time, never the daemon's shifted clock: token lifetimes are the provider's. */
  readonly clock?: () => number;
  /** While a login is needed: how often the store is read for a new one. */
  readonly recheckMs?: number;
  /** After a failed background refresh: when to try again. */
  readonly retryMs?: number;
}

const maxMarginMs = 5 * 60_000;
const maxAttempts = 5;
const lockPollMs = 100;

/**
 * Hands out access tokens for one OAuth2 account and keeps them fresh. Tokens live in the
 * shared store, so every process of the deployment sees the same ones. A token is renewed
 * when less than a quarter of its lifetime (at most 5 minutes) is left, whether asked for
 * (every connect) or by a timer ahead of expiry; one refresh runs at a time across
 * processes (the refresh lock), and the others wait for it and take its result. A token
 * a server refused is never handed out again. A rotated refresh token is saved with every
 * refresh. When the refresh token is dead, AUTH_REAUTH_REQUIRED is logged once and every
 * call fails fast until `auth login` or `auth import` stores new tokens, which is noticed
 * without a restart.
 */
export class TokenManager {
  private stateValue: AuthState = 'unknown';
  private deadGeneration: number | null = null;
  private refreshTimer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private scheduledFor: number | null = null;
  private running = false;
  private failingSince: number | null = null;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly clock: () => number;

  constructor(private readonly options: TokenManagerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  get state(): AuthState {
    return this.stateValue;
  }

  get account(): OAuthAccount {
    return this.options.account;
  }

  /** Calls `listener` on every change of state; returns the function that unsubscribes. */
  onStateChange(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Background work of a daemon: refresh ahead of expiry, watch for a new login when dead. */
  start(): void {
    this.running = true;
    this.getAccessToken().catch(() => undefined);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.refreshTimer);
    clearInterval(this.recheckTimer);
    this.refreshTimer = undefined;
    this.recheckTimer = undefined;
  }

  /**
   * A token good for at least the refresh margin. `rejected` is a token a server just
   * refused: a different one is returned (refreshed if need be), never that one.
   */
  async getAccessToken(options: { rejected?: string } = {}): Promise<AccessToken> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.readUsable();
      if (this.isFresh(stored, options.rejected)) return this.handOut(stored);
      if (await this.options.lock.acquire()) {
        try {
          return await this.refreshLocked(options.rejected);
        } finally {
          await this.options.lock.release().catch(() => undefined);
        }
      }
      if (attempt >= maxAttempts) {
        throw new OffhoursError(
          'AUTH_REFRESH_FAILED',
          `another process has held the refresh lock of ${this.options.account.user} too long`,
        );
      }
      await this.waitForOtherRefresh();
    }
  }

  private async refreshLocked(rejected: string | undefined): Promise<AccessToken> {
    // Another process may have refreshed between our read and taking the lock.
    const stored = await this.readUsable();
    if (this.isFresh(stored, rejected)) return this.handOut(stored);
    const { generation } = stored.status;
    const { store, logger, account } = this.options;
    let refreshed: TokenSet;
    try {
      refreshed = await this.options.refresh(stored.tokens);
    } catch (error) {
      const failure = isOffhoursError(error)
        ? error
        : new OffhoursError('AUTH_REFRESH_FAILED', String(error), { cause: error });
      const now = this.clock();
      if (failure.code === 'AUTH_REAUTH_REQUIRED') {
        await store.markReauthRequired(generation, failure.code, failure.message, now);
        this.enterDead(generation, failure.message);
        throw this.reauthError(failure.message, failure);
      }
      await store.recordError(generation, failure.code, failure.message, now).catch(() => false);
      if (this.failingSince === null) {
        this.failingSince = now;
        logger.warn(
          { event: 'auth_refresh_failed', code: failure.code, account: account.user, err: failure },
          `could not refresh the OAuth2 token of ${account.user}; retrying`,
        );
      }
      this.scheduleRetry();
      const { accessToken, expiresAt } = stored.tokens;
      // The old token still works for a while: better than no connection at all.
      if (accessToken !== null && accessToken !== rejected && (expiresAt ?? Infinity) > now)
        return { accessToken, expiresAt, renewAt: now + (this.options.retryMs ?? 10_000) };
      throw failure;
    }
    const saved = await store.saveRefreshed(refreshed, generation, this.clock());
    if (!saved) {
      // A login or import replaced the tokens meanwhile: theirs win, ours are dropped.
      return this.getAccessToken(rejected === undefined ? {} : { rejected });
    }
    if (this.failingSince !== null) {
      logger.info(
        { event: 'auth_refresh_recovered', account: account.user },
        `OAuth2 token refresh of ${account.user} works again`,
      );
      this.failingSince = null;
    }
    logger.info(
      {
        event: 'auth_token_refreshed',
        account: account.user,
        expiresAt:
          refreshed.expiresAt === null ? null : new Date(refreshed.expiresAt).toISOString(),
        rotated: refreshed.refreshToken !== stored.tokens.refreshToken,
      },
      `refreshed the OAuth2 access token of ${account.user}`,
    );
    return this.handOut({
      tokens: refreshed,
      status: { ...stored.status, expiresAt: refreshed.expiresAt, lastRefreshAt: this.clock() },
    });
  }

  /** The stored tokens, or AUTH_REAUTH_REQUIRED when there are none or they are dead. */
  private async readUsable(): Promise<StoredTokens> {
    const stored = await this.options.store.read();
    if (stored === null) {
      const reason = `no OAuth2 tokens are stored for ${this.options.account.user}`;
      this.enterDead(0, reason);
      throw this.reauthError(reason);
    }
    if (stored.status.state === 'reauth_required') {
      const reason = stored.status.lastError?.message ?? 'the refresh token no longer works';
      this.enterDead(stored.status.generation, reason);
      throw this.reauthError(reason);
    }
    this.enterOk();
    return stored;
  }

  private isFresh(stored: StoredTokens, rejected: string | undefined): boolean {
    const { accessToken, expiresAt } = stored.tokens;
    if (accessToken === null || accessToken === rejected) return false;
    if (expiresAt === null) return true;
    return expiresAt - this.clock() > this.marginMs(stored);
  }

  /** A quarter of the token's lifetime, at most 5 minutes: 5 min for Google's and Microsoft's hour. */
  private marginMs(stored: StoredTokens): number {
    const { expiresAt } = stored.tokens;
    const issuedAt = stored.status.lastRefreshAt ?? stored.status.obtainedAt;
    if (expiresAt === null || issuedAt === null) return 0;
    return Math.min(maxMarginMs, Math.max(0, (expiresAt - issuedAt) / 4));
  }

  private handOut(stored: StoredTokens): AccessToken {
    const { accessToken, expiresAt } = stored.tokens;
    if (accessToken === null) throw new Error('handOut needs an access token');
    const renewAt = expiresAt === null ? null : expiresAt - this.marginMs(stored);
    if (renewAt !== null) this.scheduleRefresh(renewAt);
    return { accessToken, expiresAt, renewAt };
  }

  private scheduleRefresh(at: number): void {
    if (!this.running || this.scheduledFor === at) return;
    clearTimeout(this.refreshTimer);
    this.scheduledFor = at;
    this.refreshTimer = setTimeout(
      () => {
        this.scheduledFor = null;
        this.getAccessToken().catch(() => undefined);
      },
      Math.max(0, at - this.clock()),
    );
    this.refreshTimer.unref();
  }

  private scheduleRetry(): void {
    this.scheduleRefresh(this.clock() + (this.options.retryMs ?? 10_000));
  }

  private async waitForOtherRefresh(): Promise<void> {
    const deadline = this.clock() + this.options.lock.ttlMs + 1_000;
    while (this.clock() < deadline && (await this.options.lock.isHeld())) {
      await new Promise((resolve) => setTimeout(resolve, lockPollMs));
    }
  }

  private enterOk(): void {
    if (this.stateValue === 'ok') return;
    const wasDead = this.stateValue === 'reauth_required';
    this.stateValue = 'ok';
    this.deadGeneration = null;
    clearInterval(this.recheckTimer);
    this.recheckTimer = undefined;
    if (wasDead) {
      this.options.logger.info(
        { event: 'auth_recovered', account: this.options.account.user },
        `new OAuth2 tokens for ${this.options.account.user}: resuming`,
      );
    }
    this.emit();
  }

  /** Logs AUTH_REAUTH_REQUIRED once per dead generation and watches for a new login. */
  private enterDead(generation: number, reason: string): void {
    if (this.stateValue === 'reauth_required' && this.deadGeneration === generation) return;
    this.stateValue = 'reauth_required';
    this.deadGeneration = generation;
    clearTimeout(this.refreshTimer);
    this.scheduledFor = null;
    this.options.logger.error(
      {
        event: 'auth_reauth_required',
        code: 'AUTH_REAUTH_REQUIRED',
        account: this.options.account.user,
        provider: this.options.account.provider.name,
        reason,
      },
      `OAuth2 login needed for ${this.options.account.user} (${reason}); mail is left untouched until you run: ${this.options.loginCommand}`,
    );
    if (this.running && this.recheckTimer === undefined) {
      this.recheckTimer = setInterval(() => void this.recheck(), this.options.recheckMs ?? 5_000);
      this.recheckTimer.unref();
    }
    this.emit();
  }

  private async recheck(): Promise<void> {
    const status = await this.options.store.readStatus().catch(() => null);
    if (status === null || status.state !== 'ok') return;
    if (this.deadGeneration !== null && status.generation <= this.deadGeneration) return;
    await this.getAccessToken().catch(() => undefined);
  }

  private reauthError(reason: string, cause?: unknown): OffhoursError {
    return new OffhoursError(
      'AUTH_REAUTH_REQUIRED',
      `OAuth2 login needed for ${this.options.account.user} (${reason}): run ${this.options.loginCommand}`,
      cause === undefined ? {} : { cause },
    );
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.stateValue);
  }
}
