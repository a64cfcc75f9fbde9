import * as oauth from 'openid-client';
import { OffhoursError } from '../errors/offhours-error.js';
import { readTokenResponse } from './read-token-response.js';
import type { TokenSet } from './token-store.js';

// Answers meaning the refresh token will never work again: revoked, expired (Google's
// 7-day testing apps, Microsoft's inactivity limit), consent withdrawn, a password reset,
// or the client itself gone. Only a new login helps.
const deadTokenErrors = new Set([
  'invalid_grant',
  'interaction_required',
  'consent_required',
  'invalid_client',
  'unauthorized_client',
  'invalid_scope',
]);

/**
 * One refresh-token grant. A refusal that no retry can cure is AUTH_REAUTH_REQUIRED; a
 * network failure or a server error is AUTH_REFRESH_FAILED and worth trying again.
 * Messages carry the provider's error code and description, never a token.
 */
export async function refreshTokenSet(
  config: oauth.Configuration,
  current: TokenSet,
  now: () => number,
): Promise<TokenSet> {
  try {
    const response = await oauth.refreshTokenGrant(config, current.refreshToken);
    return readTokenResponse(response, now(), current);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && deadTokenErrors.has(error.error)) {
      throw new OffhoursError(
        'AUTH_REAUTH_REQUIRED',
        `the provider refused the refresh token (${error.error}${describeError(error.error_description)})`,
        { cause: error, details: { providerError: error.error } },
      );
    }
    const status =
      error instanceof oauth.ResponseBodyError ? ` (HTTP ${error.status}, ${error.error})` : '';
    throw new OffhoursError(
      'AUTH_REFRESH_FAILED',
      `could not refresh the access token${status}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function describeError(description: string | undefined): string {
  if (description === undefined || description === '') return '';
  const firstLine = description.split(/\r?\n/)[0] ?? '';
  return `: ${firstLine.length > 200 ? `${firstLine.slice(0, 197)}...` : firstLine}`;
}
