import { listOAuthAccounts } from '../auth/account-tokens.js';
import { createOAuthConfiguration } from '../auth/create-oauth-configuration.js';
import { loadTokenSecret } from '../auth/load-token-secret.js';
import { refreshTokenSet } from '../auth/refresh-token-set.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import type { AuthCommandOptions } from './auth-login-command.js';
import { saveCheckedTokens } from './auth-save-tokens.js';
import { connectCliRedis } from './connect-cli-redis.js';

/**
 * `offhours auth import`: a refresh token obtained with another tool (oama, pizauth,
 * getmail's helper), read from standard input, so it never shows in the process list or
 * the shell history. It is used once at once: that proves it works, brings an access token
 * to check IMAP and SMTP with, and with a rotating provider gives the token saved.
 */
export async function authImportCommand(
  config: OffhoursConfig,
  options: AuthCommandOptions & {
    readonly smtp: boolean;
    readonly readInput: () => Promise<string>;
  },
): Promise<number> {
  const accounts = listOAuthAccounts(config);
  const account = options.smtp
    ? config.smtp.auth?.type === 'oauth2'
      ? config.smtp.auth.account
      : undefined
    : accounts[0];
  if (account === undefined) {
    options.writeError(
      `AUTH_LOGIN_FAILED: ${options.smtp ? 'smtp.auth' : 'neither imap.auth nor smtp.auth'} is oauth2 in this config: nothing to import for\n`,
    );
    return 1;
  }
  loadTokenSecret(options.env);
  const refreshToken = (await options.readInput())
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '');
  if (refreshToken === undefined) {
    options.writeError('AUTH_LOGIN_FAILED: no refresh token on standard input\n');
    return 1;
  }
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
  try {
    const tokens = await refreshTokenSet(
      createOAuthConfiguration(account),
      { accessToken: null, refreshToken, expiresAt: null, scopes: [] },
      Date.now,
    ).catch((error: unknown) => {
      throw new OffhoursError(
        'AUTH_LOGIN_FAILED',
        `the provider did not accept the refresh token for ${account.user}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
    options.write(await saveCheckedTokens(config, redis, account, tokens, 'import', options.env));
    return 0;
  } catch (error) {
    if (!(error instanceof OffhoursError)) throw error;
    options.writeError(`${error.code}: ${error.message}\nNothing was saved.\n`);
    return 1;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
