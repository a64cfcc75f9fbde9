/** Where an OAuth2 account gets its tokens, with the provider's defaults filled in. */
export interface OAuthProvider {
  readonly name: 'google' | 'microsoft' | 'custom';
  /** The authorization server's identifier (its issuer URL). */
  readonly issuer: string;
  readonly tokenUrl: string;
  readonly deviceAuthorizationUrl?: string;
  readonly authorizationUrl?: string;
  readonly scopes: readonly string[];
  /** Extra parameters of the browser login (Google: offline access and a consent prompt). */
  readonly authorizationParams: Readonly<Record<string, string>>;
  /** How `auth login` logs in: a code typed on another device, or a browser redirected to 127.0.0.1. */
  readonly loginFlow: 'device' | 'loopback';
}

/** One OAuth2 account: a user at a provider, through one registered client. */
export interface OAuthAccount {
  /** Stable id of the account (provider, client and user), the key of its stored tokens. */
  readonly id: string;
  readonly user: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly provider: OAuthProvider;
}

/** How offhours logs in to one server. */
export type MailAuth =
  | { readonly type: 'password'; readonly pass: string }
  | { readonly type: 'oauth2'; readonly account: OAuthAccount };
