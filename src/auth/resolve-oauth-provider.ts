import type { OAuthProvider } from './oauth-account.js';

export interface OAuthProviderSettings {
  readonly provider: 'google' | 'microsoft' | 'custom';
  readonly tenant?: string | undefined;
  readonly tokenUrl?: string | undefined;
  readonly deviceAuthorizationUrl?: string | undefined;
  readonly authorizationUrl?: string | undefined;
  readonly scopes?: readonly string[] | undefined;
}

export const googleMailScope = 'https://mail.google.com/';
// Outlook's own resource, not Microsoft Graph: Graph tokens are refused by IMAP and SMTP.
export const microsoftMailScopes = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'offline_access',
] as const;

/**
 * The endpoints and scopes of a provider. Google refuses the Gmail scope in the device flow,
 * so Google logs in through a browser; without `access_type=offline` and `prompt=consent`
 * it returns no refresh token (or none on a second login). Microsoft logs in with a device
 * code; `offline_access` is what brings a refresh token. The caller has validated the
 * settings (the config schema), so a custom provider has its endpoints and scopes.
 */
export function resolveOAuthProvider(settings: OAuthProviderSettings): OAuthProvider {
  switch (settings.provider) {
    case 'google':
      return {
        name: 'google',
        issuer: 'https://accounts.google.com',
        tokenUrl: 'https://oauth2.googleapis.com/token',
        authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
        scopes: settings.scopes ?? [googleMailScope],
        authorizationParams: { access_type: 'offline', prompt: 'consent' },
        loginFlow: 'loopback',
      };
    case 'microsoft': {
      const authority = `https://login.microsoftonline.com/${settings.tenant ?? 'organizations'}`;
      return {
        name: 'microsoft',
        issuer: `${authority}/v2.0`,
        tokenUrl: `${authority}/oauth2/v2.0/token`,
        deviceAuthorizationUrl: `${authority}/oauth2/v2.0/devicecode`,
        authorizationUrl: `${authority}/oauth2/v2.0/authorize`,
        scopes: settings.scopes ?? microsoftMailScopes,
        authorizationParams: {},
        loginFlow: 'device',
      };
    }
    case 'custom': {
      const tokenUrl = settings.tokenUrl ?? '';
      return {
        name: 'custom',
        issuer: new URL(tokenUrl).origin,
        tokenUrl,
        ...(settings.deviceAuthorizationUrl === undefined
          ? {}
          : { deviceAuthorizationUrl: settings.deviceAuthorizationUrl }),
        ...(settings.authorizationUrl === undefined
          ? {}
          : { authorizationUrl: settings.authorizationUrl }),
        scopes: settings.scopes ?? [],
        authorizationParams: {},
        loginFlow: settings.deviceAuthorizationUrl === undefined ? 'loopback' : 'device',
      };
    }
  }
}
