/**
 * A local OAuth2 authorization server on 127.0.0.1 (port 0) for the demo and the tests, in
 * the shape offhours meets at Google and Microsoft: a token endpoint with the refresh,
 * authorization-code (PKCE S256 only) and device-code grants, refresh-token rotation (a used
 * refresh token is dead), access-token expiry, and revocation. It also answers Dovecot's
 * oauth2 passdb (`/tokeninfo?access_token=` and a POST `/introspect`) and tells the SMTP sink
 * whether an access token is good, so IMAP and SMTP logins check the same tokens.
 *
 * The "user" of the interactive flows is played by the caller: the authorization endpoint
 * approves the account named by `login_hint` at once (a browser would show a consent page),
 * and a device code is approved with `approveDevice(userCode, user)`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnFreePort } from './listen-on-free-port.js';

const host = '127.0.0.1';

export interface OAuthClient {
  readonly clientId: string;
  /** Set for a confidential client: the token endpoint then requires it. */
  readonly clientSecret?: string;
}

export interface OAuthServerStats {
  /** Successful refresh grants per user. */
  readonly refreshes: Map<string, number>;
  /** Refresh grants answered `invalid_grant` (revoked, rotated away or unknown). */
  readonly refusedRefreshes: number;
  /** Access-token checks by Dovecot and the SMTP sink: accepted and refused. */
  readonly accepted: number;
  readonly refused: number;
}

export interface OAuthServer {
  readonly host: typeof host;
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  readonly tokenUrl: string;
  readonly deviceAuthorizationUrl: string;
  readonly authorizationUrl: string;
  readonly tokeninfoUrl: string;
  readonly introspectionUrl: string;
  readonly stats: () => OAuthServerStats;
  /** Every token it ever issued (access and refresh), for tests that look for leaks. */
  readonly issuedTokens: () => readonly string[];
  /** Whether `accessToken` is live and belongs to `user` (the SMTP sink's check). */
  isAccessTokenValid(user: string, accessToken: string): boolean;
  /** Plays the user who typed the code at the verification page and consented. */
  approveDevice(userCode: string, user: string): void;
  /** Resolves with the next device authorization's user code (what `auth login` prints). */
  nextDeviceCode(): Promise<{ userCode: string; verificationUri: string }>;
  /** Issues a refresh token directly, as another tool (oama, pizauth) would have obtained. */
  issueRefreshToken(user: string, clientId: string): string;
  /** Revokes every token of `user`: refreshes get invalid_grant, logins are refused. */
  revoke(user: string): void;
  setAccessTokenLifetime(seconds: number): void;
  stop(): Promise<void>;
}

interface Grant {
  user: string;
  clientId: string;
  scope: string;
}

interface AccessToken extends Grant {
  expiresAt: number;
}

interface DeviceCode extends Omit<Grant, 'user'> {
  userCode: string;
  expiresAt: number;
  user: string | null;
}

interface AuthorizationCode extends Grant {
  redirectUri: string;
  codeChallenge: string;
}

export async function startOAuthServer(
  options: { clients: readonly OAuthClient[]; accessTokenLifetimeSeconds?: number },
  now: () => number = Date.now,
): Promise<OAuthServer> {
  let lifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3600;
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const accessTokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, Grant>();
  const deviceCodes = new Map<string, DeviceCode>();
  const authorizationCodes = new Map<string, AuthorizationCode>();
  const issued: string[] = [];
  const refreshes = new Map<string, number>();
  const deviceWaiters: ((code: { userCode: string; verificationUri: string }) => void)[] = [];
  let refusedRefreshes = 0;
  let accepted = 0;
  let refused = 0;
  let baseUrl = '';

  const mint = (kind: string): string => {
    const token = `${kind}-${randomBytes(18).toString('base64url')}`;
    issued.push(token);
    return token;
  };

  const issueTokens = (grant: Grant): Record<string, unknown> => {
    const accessToken = mint('at');
    accessTokens.set(accessToken, { ...grant, expiresAt: now() + lifetimeSeconds * 1000 });
    const refreshToken = mint('rt');
    refreshTokens.set(refreshToken, grant);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: lifetimeSeconds,
      refresh_token: refreshToken,
      scope: grant.scope,
    };
  };

  const isLive = (token: string): AccessToken | null => {
    const entry = accessTokens.get(token);
    if (entry === undefined || entry.expiresAt <= now()) return null;
    return entry;
  };

  const check = (token: string, user?: string): AccessToken | null => {
    const entry = isLive(token);
    const ok = entry !== null && (user === undefined || entry.user === user);
    if (ok) accepted += 1;
    else refused += 1;
    return ok ? entry : null;
  };

  const authenticateClient = (form: URLSearchParams, req: IncomingMessage): OAuthClient | null => {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1] !== undefined) {
      const [id, pass] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    const client = clientId === null ? undefined : clients.get(clientId);
    if (client === undefined) return null;
    if (client.clientSecret !== undefined && client.clientSecret !== secret) return null;
    return client;
  };

  const handleToken = (form: URLSearchParams, req: IncomingMessage): [number, unknown] => {
    const client = authenticateClient(form, req);
    if (client === null) return [401, { error: 'invalid_client' }];
    const grantType = form.get('grant_type');
    if (grantType === 'refresh_token') {
      const token = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(token);
      if (grant === undefined || grant.clientId !== client.clientId) {
        refusedRefreshes += 1;
        return [400, { error: 'invalid_grant', error_description: 'refresh token is not valid' }];
      }
      // Rotation: the used refresh token dies; only the new one works from now on.
      refreshTokens.delete(token);
      refreshes.set(grant.user, (refreshes.get(grant.user) ?? 0) + 1);
      return [200, issueTokens(grant)];
    }
    if (grantType === 'authorization_code') {
      const code = authorizationCodes.get(form.get('code') ?? '');
      authorizationCodes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        code === undefined ||
        code.clientId !== client.clientId ||
        code.redirectUri !== form.get('redirect_uri') ||
        code.codeChallenge !== challenge
      ) {
        return [400, { error: 'invalid_grant', error_description: 'code or PKCE verifier wrong' }];
      }
      return [200, issueTokens(code)];
    }
    if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
      const device = deviceCodes.get(form.get('device_code') ?? '');
      if (device === undefined || device.clientId !== client.clientId)
        return [400, { error: 'invalid_grant' }];
      if (device.expiresAt <= now()) return [400, { error: 'expired_token' }];
      if (device.user === null) return [400, { error: 'authorization_pending' }];
      deviceCodes.delete(form.get('device_code') ?? '');
      return [200, issueTokens({ ...device, user: device.user })];
    }
    return [400, { error: 'unsupported_grant_type' }];
  };

  const handleDevice = (form: URLSearchParams, req: IncomingMessage): [number, unknown] => {
    const client = authenticateClient(form, req);
    if (client === null) return [401, { error: 'invalid_client' }];
    const deviceCode = mint('dc');
    const userCode = randomBytes(4).toString('hex').toUpperCase();
    deviceCodes.set(deviceCode, {
      clientId: client.clientId,
      scope: form.get('scope') ?? '',
      userCode,
      expiresAt: now() + 600_000,
      user: null,
    });
    const verificationUri = `${baseUrl}/device`;
    for (const waiter of deviceWaiters.splice(0)) waiter({ userCode, verificationUri });
    return [
      200,
      {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        expires_in: 600,
        interval: 1,
      },
    ];
  };

  const handleAuthorize = (query: URLSearchParams, res: ServerResponse): void => {
    const redirectUri = query.get('redirect_uri') ?? '';
    const client = clients.get(query.get('client_id') ?? '');
    const user = query.get('login_hint');
    const isLoopback = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\//.test(redirectUri);
    if (
      client === undefined ||
      !isLoopback ||
      query.get('response_type') !== 'code' ||
      query.get('code_challenge_method') !== 'S256' ||
      user === null
    ) {
      send(res, 400, { error: 'invalid_request' });
      return;
    }
    const code = mint('code');
    authorizationCodes.set(code, {
      user,
      clientId: client.clientId,
      scope: query.get('scope') ?? '',
      redirectUri,
      codeChallenge: query.get('code_challenge') ?? '',
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    res.writeHead(302, { location: target.toString() });
    res.end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    readBody(req).then(
      (body) => {
        const form = new URLSearchParams(body);
        if (req.method === 'POST' && url.pathname === '/token') {
          send(res, ...handleToken(form, req));
        } else if (req.method === 'POST' && url.pathname === '/device_authorization') {
          send(res, ...handleDevice(form, req));
        } else if (req.method === 'GET' && url.pathname === '/authorize') {
          handleAuthorize(url.searchParams, res);
        } else if (url.pathname === '/tokeninfo') {
          const entry = check(url.searchParams.get('access_token') ?? '');
          if (entry === null) send(res, 401, { error: 'invalid_token' });
          else send(res, 200, { email: entry.user, scope: entry.scope, active: true });
        } else if (req.method === 'POST' && url.pathname === '/introspect') {
          const entry = check(form.get('token') ?? '');
          send(res, 200, entry === null ? { active: false } : { active: true, email: entry.user });
        } else {
          send(res, 404, { error: 'not_found' });
        }
      },
      () => send(res, 400, { error: 'invalid_request' }),
    );
  });
  const port = await listenOnFreePort(server, host);
  baseUrl = `http://${host}:${port}`;

  return {
    host,
    port,
    url: baseUrl,
    tokenUrl: `${baseUrl}/token`,
    deviceAuthorizationUrl: `${baseUrl}/device_authorization`,
    authorizationUrl: `${baseUrl}/authorize`,
    tokeninfoUrl: `${baseUrl}/tokeninfo?access_token=`,
    introspectionUrl: `${baseUrl}/introspect`,
    stats: () => ({ refreshes: new Map(refreshes), refusedRefreshes, accepted, refused }),
    issuedTokens: () => [...issued],
    isAccessTokenValid: (user, accessToken) => check(accessToken, user) !== null,
    approveDevice(userCode, user) {
      const device = [...deviceCodes.values()].find((entry) => entry.userCode === userCode);
      if (device === undefined) throw new Error(`no pending device code ${userCode}`);
      device.user = user;
    },
    nextDeviceCode: () => new Promise((resolve) => deviceWaiters.push(resolve)),
    issueRefreshToken(user, clientId) {
      const token = mint('rt');
      refreshTokens.set(token, { user, clientId, scope: 'mail' });
      return token;
    },
    revoke(user) {
      for (const tokens of [refreshTokens, accessTokens]) {
        for (const [token, grant] of tokens) if (grant.user === user) tokens.delete(token);
      }
    },
    setAccessTokenLifetime(seconds) {
      lifetimeSeconds = seconds;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
