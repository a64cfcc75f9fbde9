import type { Redis } from 'ioredis';
import type { OAuthAccount } from './oauth-account.js';
import type { TokenCipher } from './token-cipher.js';

/** The secret part of an account's tokens: only ever stored sealed. */
export interface TokenSet {
  readonly accessToken: string | null;
  readonly refreshToken: string;
  /** When the access token expires (epoch ms), or null when unknown or there is none. */
  readonly expiresAt: number | null;
  /** Scopes granted, as the token endpoint said (empty when it did not say). */
  readonly scopes: readonly string[];
}

export type TokenState = 'ok' | 'reauth_required';

/** What `auth status` and the daemon may show about an account: never a token. */
export interface TokenStatus {
  readonly user: string;
  readonly provider: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number | null;
  readonly obtainedAt: number | null;
  readonly obtainedBy: 'login' | 'import' | null;
  readonly lastRefreshAt: number | null;
  readonly lastError: {
    readonly code: string;
    readonly message: string;
    readonly at: number;
  } | null;
  readonly state: TokenState;
  /** Bumped by every login and import: a refresh started before one must not overwrite it. */
  readonly generation: number;
}

export interface StoredTokens {
  readonly tokens: TokenSet;
  readonly status: TokenStatus;
}

const errorFields = ['lastErrorCode', 'lastErrorMessage', 'lastErrorAt'];

/**
 * One Redis hash per OAuth2 account, `<prefix>:auth:<account id>`, shared by the watcher,
 * its standbys, the workers and the `auth` commands. The tokens are one AES-256-GCM sealed
 * field; the rest (account, scopes, expiry, last refresh, last error) is plain, so `status`
 * can show it without the key. Writes after a refresh are conditional on the generation,
 * so a slow refresh never overwrites a newer login.
 */
export class TokenStore {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly account: OAuthAccount,
    private readonly cipher: TokenCipher | null,
  ) {
    this.key = `${prefix}:auth:${account.id}`;
  }

  async readStatus(): Promise<TokenStatus | null> {
    const fields = await this.redis.hgetall(this.key);
    return fields['generation'] === undefined ? null : parseStatus(fields);
  }

  /** The tokens and their status; needs the key. */
  async read(): Promise<StoredTokens | null> {
    const fields = await this.redis.hgetall(this.key);
    if (fields['generation'] === undefined || fields['sealed'] === undefined) return null;
    const tokens = JSON.parse(this.requireCipher().open(fields['sealed'], this.key)) as {
      accessToken: string | null;
      refreshToken: string;
    };
    const status = parseStatus(fields);
    return {
      tokens: { ...tokens, expiresAt: status.expiresAt, scopes: status.scopes },
      status,
    };
  }

  /** Tokens from `auth login` or `auth import`: a new generation, healthy, errors cleared. */
  async saveObtained(tokens: TokenSet, how: 'login' | 'import', now: number): Promise<number> {
    const generation = await this.redis.eval(
      `redis.call('HDEL', KEYS[1], ${errorFields.map((field) => `'${field}'`).join(', ')})
       redis.call('HSET', KEYS[1], unpack(ARGV))
       return redis.call('HINCRBY', KEYS[1], 'generation', 1)`,
      1,
      this.key,
      ...this.sealedFields(tokens),
      'state',
      'ok',
      'user',
      this.account.user,
      'provider',
      this.account.provider.name,
      'obtainedAt',
      String(now),
      'obtainedBy',
      how,
      'lastRefreshAt',
      String(now),
    );
    return Number(generation);
  }

  /** A refreshed token set, unless a login or import replaced the generation meanwhile. */
  async saveRefreshed(tokens: TokenSet, generation: number, now: number): Promise<boolean> {
    return this.writeIfGeneration(
      generation,
      [...this.sealedFields(tokens), 'lastRefreshAt', String(now)],
      true,
    );
  }

  /** The refresh token is dead: nothing works until the next login or import. */
  async markReauthRequired(
    generation: number,
    code: string,
    message: string,
    now: number,
  ): Promise<boolean> {
    return this.writeIfGeneration(generation, [
      'state',
      'reauth_required',
      'lastErrorCode',
      code,
      'lastErrorMessage',
      message,
      'lastErrorAt',
      String(now),
    ]);
  }

  async recordError(
    generation: number,
    code: string,
    message: string,
    now: number,
  ): Promise<boolean> {
    return this.writeIfGeneration(generation, [
      'lastErrorCode',
      code,
      'lastErrorMessage',
      message,
      'lastErrorAt',
      String(now),
    ]);
  }

  private async writeIfGeneration(
    generation: number,
    fields: string[],
    clearErrors = false,
  ): Promise<boolean> {
    const written = await this.redis.eval(
      `if redis.call('HGET', KEYS[1], 'generation') ~= ARGV[1] then return 0 end
       if ARGV[2] == '1' then
         redis.call('HDEL', KEYS[1], ${errorFields.map((field) => `'${field}'`).join(', ')})
       end
       redis.call('HSET', KEYS[1], unpack(ARGV, 3))
       return 1`,
      1,
      this.key,
      String(generation),
      clearErrors ? '1' : '0',
      ...fields,
    );
    return written === 1;
  }

  private sealedFields(tokens: TokenSet): string[] {
    const sealed = this.requireCipher().seal(
      JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
      this.key,
    );
    return [
      'sealed',
      sealed,
      'expiresAt',
      tokens.expiresAt === null ? '' : String(tokens.expiresAt),
      'scopes',
      tokens.scopes.join(' '),
    ];
  }

  private requireCipher(): TokenCipher {
    if (this.cipher === null) throw new Error('the token store was opened without its key');
    return this.cipher;
  }
}

function parseStatus(fields: Record<string, string>): TokenStatus {
  const time = (name: string): number | null => {
    const value = fields[name];
    return value === undefined || value === '' ? null : Number(value);
  };
  const code = fields['lastErrorCode'];
  const obtainedBy = fields['obtainedBy'];
  return {
    user: fields['user'] ?? '',
    provider: fields['provider'] ?? '',
    scopes: (fields['scopes'] ?? '').split(' ').filter((scope) => scope !== ''),
    expiresAt: time('expiresAt'),
    obtainedAt: time('obtainedAt'),
    obtainedBy: obtainedBy === 'login' || obtainedBy === 'import' ? obtainedBy : null,
    lastRefreshAt: time('lastRefreshAt'),
    lastError:
      code === undefined
        ? null
        : { code, message: fields['lastErrorMessage'] ?? '', at: time('lastErrorAt') ?? 0 },
    state: fields['state'] === 'reauth_required' ? 'reauth_required' : 'ok',
    generation: Number(fields['generation'] ?? 0),
  };
}
