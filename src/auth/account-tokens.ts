import type { Redis } from 'ioredis';
import type { ImapSettings, OffhoursConfig, SmtpSettings } from '../config/offhours-config.js';
import type { Logger } from '../observability/create-logger.js';
import type { SmtpTokenSource } from '../mail/create-smtp-transport.js';
import { createOAuthConfiguration } from './create-oauth-configuration.js';
import { readPasswordLogin, type ImapLogin } from './imap-login.js';
import { loadTokenSecret } from './load-token-secret.js';
import type { OAuthAccount } from './oauth-account.js';
import { refreshTokenSet } from './refresh-token-set.js';
import { RefreshLock } from './refresh-lock.js';
import { TokenCipher } from './token-cipher.js';
import { TokenManager } from './token-manager.js';
import { TokenStore } from './token-store.js';

/** The distinct OAuth2 accounts of a config: the IMAP one, and the SMTP one when it has its own. */
export function listOAuthAccounts(config: Pick<OffhoursConfig, 'imap' | 'smtp'>): OAuthAccount[] {
  const accounts = new Map<string, OAuthAccount>();
  for (const auth of [config.imap.auth, config.smtp.auth]) {
    if (auth?.type === 'oauth2') accounts.set(auth.account.id, auth.account);
  }
  return [...accounts.values()];
}

export interface AccountTokensOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly env: Record<string, string | undefined>;
  readonly logger: Logger;
  /** Said to the person when a login is needed. */
  readonly loginCommand: string;
  readonly clock?: () => number;
  readonly recheckMs?: number;
}

/**
 * The token managers of one process, one per OAuth2 account, made on first use and kept
 * across config reloads (a reload that changes the account makes a new one). The store
 * key is read from the environment once, on the first OAuth2 account: password-only
 * deployments need none.
 */
export class AccountTokens {
  private readonly managers = new Map<string, TokenManager>();
  private cipher: TokenCipher | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: AccountTokensOptions) {}

  /**
   * Starts the managers of the config's accounts and stops those of accounts it no longer
   * has (a reload); fails now (AUTH_SECRET_MISSING) rather than at the first login.
   */
  prepare(config: Pick<OffhoursConfig, 'imap' | 'smtp'>): void {
    const accounts = listOAuthAccounts(config);
    for (const account of accounts) this.manager(account);
    let removed = false;
    for (const [id, manager] of this.managers) {
      if (accounts.some((account) => account.id === id)) continue;
      manager.stop();
      this.managers.delete(id);
      removed = true;
    }
    if (removed) for (const listener of this.listeners) listener();
  }

  manager(account: OAuthAccount): TokenManager {
    const existing = this.managers.get(account.id);
    if (existing !== undefined) return existing;
    this.cipher ??= TokenCipher.fromSecret(loadTokenSecret(this.options.env));
    const store = new TokenStore(this.options.redis, this.options.prefix, account, this.cipher);
    const configuration = createOAuthConfiguration(account);
    const clock = this.options.clock ?? Date.now;
    const manager = new TokenManager({
      account,
      store,
      lock: new RefreshLock(this.options.redis, store.key),
      refresh: (current) => refreshTokenSet(configuration, current, clock),
      logger: this.options.logger,
      loginCommand: this.options.loginCommand,
      clock,
      ...(this.options.recheckMs === undefined ? {} : { recheckMs: this.options.recheckMs }),
    });
    manager.onStateChange(() => {
      for (const listener of this.listeners) listener();
    });
    this.managers.set(account.id, manager);
    manager.start();
    return manager;
  }

  /** The accounts that need `auth login` now. */
  listReauthRequired(): OAuthAccount[] {
    return [...this.managers.values()]
      .filter((manager) => manager.state === 'reauth_required')
      .map((manager) => manager.account);
  }

  /** Called whenever an account changes state (dead, recovered). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The login of the next IMAP connection: the password, or a fresh access token. */
  async readImapLogin(settings: ImapSettings, rejected?: string): Promise<ImapLogin> {
    if (settings.auth.type === 'password') return readPasswordLogin(settings);
    const token = await this.manager(settings.auth.account).getAccessToken(
      rejected === undefined ? {} : { rejected },
    );
    return { user: settings.user, accessToken: token.accessToken };
  }

  /** What the SMTP transport provisions its OAuth2 tokens from, when smtp.auth is oauth2. */
  readSmtpTokenSource(settings: SmtpSettings): SmtpTokenSource | undefined {
    const { auth } = settings;
    if (auth?.type !== 'oauth2') return undefined;
    return (rejected) =>
      this.manager(auth.account).getAccessToken(rejected === undefined ? {} : { rejected });
  }

  stop(): void {
    for (const manager of this.managers.values()) manager.stop();
  }
}
