import { describe, expect, it } from 'vitest';
import { resolveOAuthProvider } from '../../../src/auth/resolve-oauth-provider.js';

// Endpoints and scopes as Google's and Microsoft's documentation give them; these cannot be
// reached from the tests, so this is where a typo would be caught.
describe('resolveOAuthProvider', () => {
  it('gives Google the Gmail scope, a browser login, offline access and a consent prompt', () => {
    expect(resolveOAuthProvider({ provider: 'google' })).toEqual({
      name: 'google',
      issuer: 'https://accounts.google.com',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      scopes: ['https://mail.google.com/'],
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
      loginFlow: 'loopback',
    });
  });

  it.each([
    [undefined, 'organizations'],
    ['organizations', 'organizations'],
    ['consumers', 'consumers'],
    ['contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
    ['7d2f6a8e-1c3b-4e5f-9a0b-2c4d6e8f0a1b', '7d2f6a8e-1c3b-4e5f-9a0b-2c4d6e8f0a1b'],
  ])('gives Microsoft with tenant %s the %s authority', (tenant, authority) => {
    const provider = resolveOAuthProvider({ provider: 'microsoft', tenant });
    const base = `https://login.microsoftonline.com/${authority}`;
    expect(provider).toEqual({
      name: 'microsoft',
      issuer: `${base}/v2.0`,
      tokenUrl: `${base}/oauth2/v2.0/token`,
      deviceAuthorizationUrl: `${base}/oauth2/v2.0/devicecode`,
      authorizationUrl: `${base}/oauth2/v2.0/authorize`,
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ],
      authorizationParams: {},
      loginFlow: 'device',
    });
  });

  it('asks Microsoft for Outlook scopes, never Microsoft Graph ones', () => {
    const { scopes } = resolveOAuthProvider({ provider: 'microsoft' });
    expect(scopes.filter((scope) => scope.includes('graph.microsoft.com'))).toEqual([]);
  });

  it('lets configured scopes replace the defaults', () => {
    expect(
      resolveOAuthProvider({
        provider: 'microsoft',
        scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
      }).scopes,
    ).toEqual(['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access']);
  });

  it.each([
    [{ deviceAuthorizationUrl: 'https://id.example/device' }, 'device'],
    [{ authorizationUrl: 'https://id.example/authorize' }, 'loopback'],
    [
      {
        deviceAuthorizationUrl: 'https://id.example/device',
        authorizationUrl: 'https://id.example/authorize',
      },
      'device',
    ],
  ] as const)('logs a custom provider with %j in by %s', (endpoints, loginFlow) => {
    const provider = resolveOAuthProvider({
      provider: 'custom',
      tokenUrl: 'https://id.example/token',
      scopes: ['mail'],
      ...endpoints,
    });
    expect(provider).toMatchObject({
      name: 'custom',
      issuer: 'https://id.example',
      tokenUrl: 'https://id.example/token',
      scopes: ['mail'],
      loginFlow,
      ...endpoints,
    });
  });
});
