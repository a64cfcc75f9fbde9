import * as oauth from 'openid-client';
import type { OAuthAccount } from './oauth-account.js';

/** True for http(s) URLs on this machine, the only place plain http is allowed. */
export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * The openid-client configuration of an account's authorization server, built from the
 * provider's endpoints (no discovery request: Google and Microsoft endpoints are fixed, and
 * a custom provider names its own). A client secret is sent in the request body, as Google
 * documents for installed apps; public clients (Microsoft's device flow) send none.
 */
export function createOAuthConfiguration(account: OAuthAccount): oauth.Configuration {
  const { provider } = account;
  const config = new oauth.Configuration(
    {
      issuer: provider.issuer,
      token_endpoint: provider.tokenUrl,
      ...(provider.deviceAuthorizationUrl === undefined
        ? {}
        : { device_authorization_endpoint: provider.deviceAuthorizationUrl }),
      ...(provider.authorizationUrl === undefined
        ? {}
        : { authorization_endpoint: provider.authorizationUrl }),
    },
    account.clientId,
    {},
    account.clientSecret === undefined
      ? oauth.None()
      : oauth.ClientSecretPost(account.clientSecret),
  );
  const endpoints = [
    provider.tokenUrl,
    provider.deviceAuthorizationUrl,
    provider.authorizationUrl,
  ].filter((url) => url !== undefined);
  // The schema allows http only on loopback (a local authorization server, the demo).
  if (endpoints.some((url) => url.startsWith('http:')) && endpoints.every(isLoopbackUrl))
    oauth.allowInsecureRequests(config);
  return config;
}
