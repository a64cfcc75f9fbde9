import { Redis } from 'ioredis';
import { listOAuthAccounts } from '../auth/account-tokens.js';
import { createOAuthConfiguration } from '../auth/create-oauth-configuration.js';
import { loginWithDeviceCode } from '../auth/login-with-device-code.js';
import { loadConfig } from '../config/load-config.js';
import type { OAuthServer } from '../sandbox/start-oauth-server.js';
import { saveCheckedTokens } from './auth-save-tokens.js';

/**
 * What `offhours auth login` does, for the demo's OAuth2 mailbox: a device code from the
 * local authorization server, approved by the demo in the user's place, checked with a real
 * IMAP and SMTP login, saved sealed in the demo's Redis. Its output is what a person sees.
 */
export async function signInDemoAccount(
  configPath: string,
  oauth: OAuthServer,
  env: Record<string, string | undefined>,
  at: Date,
  write: (text: string) => void,
): Promise<void> {
  const config = await loadConfig(configPath, { env, now: at });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  try {
    for (const account of listOAuthAccounts(config)) {
      void oauth.nextDeviceCode().then(({ userCode }) => {
        write(
          `  (the demo types ${userCode} at the verification page and consents as ${account.user})\n`,
        );
        oauth.approveDevice(userCode, account.user);
      });
      const tokens = await loginWithDeviceCode(createOAuthConfiguration(account), account, (text) =>
        write(text.replace(/^(?=.)/gm, '  ')),
      );
      write(
        (await saveCheckedTokens(config, redis, account, tokens, 'login', env)).replace(
          /^(?=.)/gm,
          '  ',
        ),
      );
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
