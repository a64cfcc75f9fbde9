import { listOAuthAccounts } from '../auth/account-tokens.js';
import { createOAuthConfiguration } from '../auth/create-oauth-configuration.js';
import { loadTokenSecret } from '../auth/load-token-secret.js';
import { loginWithDeviceCode } from '../auth/login-with-device-code.js';
import { loginWithLoopback } from '../auth/login-with-loopback.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { OffhoursError } from '../errors/offhours-error.js';
import { saveCheckedTokens } from './auth-save-tokens.js';
import { connectCliRedis } from './connect-cli-redis.js';

export interface AuthCommandOptions {
  readonly env: Record<string, string | undefined>;
  readonly write: (text: string) => void;
  readonly writeError: (text: string) => void;
}

/**
 * `offhours auth login`: signs in every OAuth2 account of the config, one after the other
 * (the IMAP account, then the SMTP one when it has its own): a device code for Microsoft
 * and custom providers with a device endpoint, a browser with a loopback redirect for Google
 * and the others. Each result is checked with a real IMAP and SMTP login, then saved.
 * Returns the exit code.
 */
export async function authLoginCommand(
  config: OffhoursConfig,
  options: AuthCommandOptions & { readonly port: number },
): Promise<number> {
  const accounts = listOAuthAccounts(config);
  if (accounts.length === 0) {
    options.writeError(
      'AUTH_LOGIN_FAILED: neither imap.auth nor smtp.auth is oauth2 in this config: nothing to log in to\n',
    );
    return 1;
  }
  // Before anyone signs in: a missing key would otherwise waste the login.
  loadTokenSecret(options.env);
  const redis = await connectCliRedis(config.redis.url, options.writeError);
  if (redis === null) return 1;
  try {
    for (const account of accounts) {
      const oauth = createOAuthConfiguration(account);
      const tokens =
        account.provider.loginFlow === 'device'
          ? await loginWithDeviceCode(oauth, account, options.write)
          : await loginWithLoopback(oauth, account, { port: options.port, write: options.write });
      options.write(await saveCheckedTokens(config, redis, account, tokens, 'login', options.env));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof OffhoursError)) throw error;
    options.writeError(`${error.code}: ${error.message}\nNothing was saved.\n`);
    return 1;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
