import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'openid-client';
import { OffhoursError } from '../errors/offhours-error.js';
import { toLoginError } from './login-with-device-code.js';
import type { OAuthAccount } from './oauth-account.js';
import { readTokenResponse } from './read-token-response.js';
import type { TokenSet } from './token-store.js';

export interface LoopbackLoginOptions {
  /** Port on 127.0.0.1 for the redirect; 0 picks a free one. Fixed for an SSH port-forward. */
  readonly port: number;
  readonly write: (text: string) => void;
  readonly timeoutMs?: number;
  readonly clock?: () => number;
}

/**
 * The authorization-code grant with PKCE (S256) and a loopback redirect (RFC 8252): the
 * person opens the printed address in a browser, signs in as the account and consents; the
 * provider redirects the browser to http://127.0.0.1:PORT/, where this waits for the code
 * and exchanges it. The state parameter ties the answer to this login.
 */
export async function loginWithLoopback(
  config: oauth.Configuration,
  account: OAuthAccount,
  options: LoopbackLoginOptions,
): Promise<TokenSet> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  }).catch((error: unknown) => {
    throw new OffhoursError(
      'AUTH_LOGIN_FAILED',
      `cannot listen on 127.0.0.1:${options.port} for the login redirect (${(error as NodeJS.ErrnoException).code ?? String(error)}): pick another --port`,
      { cause: error },
    );
  });
  try {
    const { port } = server.address() as AddressInfo;
    const redirectUri = `http://127.0.0.1:${port}/`;
    const verifier = oauth.randomPKCECodeVerifier();
    const state = oauth.randomState();
    const url = oauth.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: account.provider.scopes.join(' '),
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      login_hint: account.user,
      ...account.provider.authorizationParams,
    });
    options.write(
      `To sign in as ${account.user}, open this address in a browser and consent:\n\n  ${url.href}\n\n` +
        `The browser is sent back to ${redirectUri} when you are done. On a server without a browser, ` +
        `run this with --port ${port} after forwarding that port from your computer: ssh -L ${port}:127.0.0.1:${port} <server>\n` +
        'Waiting for the browser...\n',
    );
    const callback = await waitForRedirect(server, options.timeoutMs ?? 5 * 60_000);
    const response = await oauth.authorizationCodeGrant(config, new URL(callback, redirectUri), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    return readTokenResponse(response, (options.clock ?? Date.now)());
  } catch (error) {
    throw toLoginError(error);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** The first request carrying `code` or `error`; the browser is told to go back to the terminal. */
function waitForRedirect(server: Server, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new OffhoursError(
          'AUTH_LOGIN_FAILED',
          'no answer from the browser within the time allowed',
        ),
      );
    }, timeoutMs);
    server.on('request', (req, res) => {
      const target = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!target.searchParams.has('code') && !target.searchParams.has('error')) {
        res.writeHead(404).end();
        return;
      }
      const refused = target.searchParams.get('error');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        refused === null
          ? 'offhours: signed in. You can close this window and go back to the terminal.\n'
          : `offhours: the sign-in was refused (${refused}). Go back to the terminal.\n`,
      );
      clearTimeout(timer);
      resolve(req.url ?? '/');
    });
  });
}
