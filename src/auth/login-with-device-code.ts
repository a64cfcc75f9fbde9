import * as oauth from 'openid-client';
import { OffhoursError } from '../errors/offhours-error.js';
import type { OAuthAccount } from './oauth-account.js';
import { readTokenResponse } from './read-token-response.js';
import type { TokenSet } from './token-store.js';

/**
 * The device authorization grant (RFC 8628): the person opens the provider's page on any
 * device, types the code shown, signs in as the account and consents, while this polls the
 * token endpoint at the interval the provider asks for.
 */
export async function loginWithDeviceCode(
  config: oauth.Configuration,
  account: OAuthAccount,
  write: (text: string) => void,
  clock: () => number = Date.now,
): Promise<TokenSet> {
  try {
    const device = await oauth.initiateDeviceAuthorization(config, {
      scope: account.provider.scopes.join(' '),
    });
    const page =
      typeof device.verification_uri_complete === 'string'
        ? device.verification_uri_complete
        : device.verification_uri;
    write(
      `To sign in as ${account.user}, open ${page} in a browser (on any device) and enter the code ${device.user_code}\n` +
        `Waiting for you to sign in and consent (the code expires in ${Math.round(device.expires_in / 60)} minutes)...\n`,
    );
    const response = await oauth.pollDeviceAuthorizationGrant(config, device);
    return readTokenResponse(response, clock());
  } catch (error) {
    throw toLoginError(error);
  }
}

/** The provider's refusal (access_denied, expired_token...) in words, without any token. */
export function toLoginError(error: unknown): OffhoursError {
  if (error instanceof OffhoursError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    return new OffhoursError(
      'AUTH_LOGIN_FAILED',
      `the provider refused the login (${error.error}${error.error_description === undefined ? '' : `: ${error.error_description.split(/\r?\n/)[0] ?? ''}`})`,
      { cause: error },
    );
  }
  return new OffhoursError(
    'AUTH_LOGIN_FAILED',
    `the login failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
