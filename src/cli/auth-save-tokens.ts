import type { Redis } from 'ioredis';
import { loadTokenSecret } from '../auth/load-token-secret.js';
import type { OAuthAccount } from '../auth/oauth-account.js';
import { TokenCipher } from '../auth/token-cipher.js';
import { TokenStore, type TokenSet } from '../auth/token-store.js';
import { verifyMailLogin } from '../auth/verify-mail-login.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';

/**
 * The end of `auth login` and `auth import`: a real IMAP and SMTP login with the new access
 * token, then the tokens saved sealed in the shared store (a new generation, which running
 * daemons notice). Nothing is saved when a login is refused. Returns the lines to print.
 */
export async function saveCheckedTokens(
  config: OffhoursConfig,
  redis: Redis,
  account: OAuthAccount,
  tokens: TokenSet,
  how: 'login' | 'import',
  env: Record<string, string | undefined>,
): Promise<string> {
  const cipher = TokenCipher.fromSecret(loadTokenSecret(env));
  if (tokens.accessToken === null)
    throw new OffhoursError('AUTH_LOGIN_FAILED', 'the provider returned no access token');
  const checked = await verifyMailLogin(config, account, tokens.accessToken);
  const store = new TokenStore(redis, config.redis.prefix, account, cipher);
  await store.saveObtained(tokens, how, Date.now());
  const until =
    tokens.expiresAt === null
      ? 'no expiry given'
      : `valid until ${new Date(tokens.expiresAt).toISOString()}`;
  return [
    `Signed in as ${account.user} (${account.provider.name}); access token ${until}.`,
    `  scopes   ${tokens.scopes.length === 0 ? '(not reported by the provider)' : tokens.scopes.join(' ')}`,
    `  checked  ${checked.length === 0 ? 'nothing (this account is not used for IMAP or SMTP)' : `${checked.join(', ')}: logins accepted`}`,
    `  saved    encrypted, in Redis under ${store.key}; a running offhours picks the tokens up by itself.`,
    '',
  ].join('\n');
}
