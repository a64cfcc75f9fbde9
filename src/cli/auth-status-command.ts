import { listOAuthAccounts } from '../auth/account-tokens.js';
import type { OAuthAccount } from '../auth/oauth-account.js';
import { TokenStore, type TokenStatus } from '../auth/token-store.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import type { AuthCommandOptions } from './auth-login-command.js';
import { connectCliRedis } from './connect-cli-redis.js';

export interface AccountStatusReport {
  readonly user: string;
  readonly provider: string;
  /** Which servers log in with this account. */
  readonly usedFor: readonly ('imap' | 'smtp')[];
  readonly state: 'ok' | 'reauth_required' | 'not_logged_in';
  readonly scopes: readonly string[];
  readonly expiresAt: string | null;
  readonly lastRefreshAt: string | null;
  readonly obtained: { readonly by: 'login' | 'import' | null; readonly at: string | null };
  readonly lastError: {
    readonly code: string;
    readonly message: string;
    readonly at: string;
  } | null;
  /** What to run when the account needs a login, else null. */
  readonly fix: string | null;
}

/**
 * `offhours auth status`: for each OAuth2 account, its state, scopes, access-token expiry,
 * last refresh, how the tokens were obtained and the last error. Reads only the plain part
 * of the store: it needs no key and can never show a token. Exit 1 when a login is needed.
 */
export async function authStatusCommand(
  config: OffhoursConfig,
  options: Omit<AuthCommandOptions, 'env'> & { readonly json: boolean; readonly now: Date },
): Promise<number> {
  const accounts = listOAuthAccounts(config);
  if (accounts.length === 0) {
    options.write('No OAuth2 accounts: imap and smtp log in with passwords.\n');
    return 0;
  }
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
  try {
    const reports = await Promise.all(
      accounts.map(async (account) =>
        describeAccount(
          config,
          account,
          await new TokenStore(redis, config.redis.prefix, account, null).readStatus(),
        ),
      ),
    );
    options.write(
      options.json ? `${JSON.stringify(reports, null, 2)}\n` : formatReports(reports, options.now),
    );
    return reports.every((report) => report.state === 'ok') ? 0 : 1;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

function describeAccount(
  config: OffhoursConfig,
  account: OAuthAccount,
  status: TokenStatus | null,
): AccountStatusReport {
  const iso = (time: number | null | undefined) =>
    time === null || time === undefined ? null : new Date(time).toISOString();
  const usedFor = (['imap', 'smtp'] as const).filter((server) => {
    const auth = config[server].auth;
    return auth?.type === 'oauth2' && auth.account.id === account.id;
  });
  const state = status === null ? 'not_logged_in' : status.state;
  return {
    user: account.user,
    provider: account.provider.name,
    usedFor,
    state,
    scopes: status?.scopes ?? [],
    expiresAt: iso(status?.expiresAt),
    lastRefreshAt: iso(status?.lastRefreshAt),
    obtained: { by: status?.obtainedBy ?? null, at: iso(status?.obtainedAt) },
    lastError:
      status?.lastError === null || status?.lastError === undefined
        ? null
        : { ...status.lastError, at: iso(status.lastError.at) ?? '' },
    fix: state === 'ok' ? null : `offhours auth login --config ${config.sourcePath}`,
  };
}

function formatReports(reports: readonly AccountStatusReport[], now: Date): string {
  const ago = (iso: string | null, future = false): string => {
    if (iso === null) return 'never';
    const minutes = Math.round(Math.abs(Date.parse(iso) - now.getTime()) / 60_000);
    const span = minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
    return `${iso} (${future && Date.parse(iso) > now.getTime() ? `in ${span}` : `${span} ago`})`;
  };
  const blocks = reports.map((report) => {
    const state =
      report.state === 'ok'
        ? 'ok'
        : `${report.state === 'not_logged_in' ? 'not logged in' : 'login needed (the refresh token no longer works)'}: run ${report.fix ?? ''}`;
    return [
      `${report.user} (${report.provider}, for ${report.usedFor.map((server) => server.toUpperCase()).join(' and ') || 'nothing'})`,
      `  state         ${state}`,
      `  scopes        ${report.scopes.length === 0 ? '-' : report.scopes.join(' ')}`,
      `  access token  ${report.expiresAt === null ? '-' : `expires ${ago(report.expiresAt, true)}`}`,
      `  last refresh  ${ago(report.lastRefreshAt)}`,
      `  obtained      ${report.obtained.by === null ? '-' : `by ${report.obtained.by}, ${ago(report.obtained.at)}`}`,
      `  last error    ${report.lastError === null ? 'none' : `${report.lastError.code} ${ago(report.lastError.at)}: ${report.lastError.message}`}`,
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
