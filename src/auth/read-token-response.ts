import type { TokenEndpointResponse } from 'openid-client';
import { OffhoursError } from '../errors/offhours-error.js';
import type { TokenSet } from './token-store.js';

/**
 * The token set after a token endpoint answered. A refresh response without a refresh
 * token keeps the old one (Google never rotates); one with a new token replaces it
 * (Microsoft rotates, and the old one may stop working).
 */
export function readTokenResponse(
  response: TokenEndpointResponse,
  now: number,
  previous?: TokenSet,
): TokenSet {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (refreshToken === undefined) {
    throw new OffhoursError(
      'AUTH_LOGIN_FAILED',
      'the provider returned no refresh token: ask for offline access (Microsoft: the offline_access scope; Google: consent again)',
    );
  }
  return {
    accessToken: response.access_token,
    refreshToken,
    expiresAt: typeof response.expires_in === 'number' ? now + response.expires_in * 1000 : null,
    scopes:
      typeof response.scope === 'string'
        ? response.scope.split(' ').filter((scope) => scope !== '')
        : (previous?.scopes ?? []),
  };
}
