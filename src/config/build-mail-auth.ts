import { createHash } from 'node:crypto';
import type { MailAuth } from '../auth/oauth-account.js';
import { resolveOAuthProvider } from '../auth/resolve-oauth-provider.js';
import type { MailAuthFile } from './config-schema.js';

/**
 * How one server is logged in to, from `pass` or `auth` (validated by the schema: exactly one
 * is set, and an oauth2 `auth` has what its provider needs). `smtp.auth: { type: oauth2 }`
 * without a provider is the IMAP account itself, so both share one set of tokens.
 */
export function buildMailAuth(
  server: {
    readonly user: string;
    readonly pass?: string | undefined;
    readonly auth?: MailAuthFile | undefined;
  },
  imapAuth?: MailAuth,
): MailAuth {
  const { auth } = server;
  if (auth === undefined) return { type: 'password', pass: server.pass ?? '' };
  if (auth.type === 'password') return { type: 'password', pass: auth.pass ?? '' };
  if (auth.provider === undefined) {
    if (imapAuth?.type !== 'oauth2')
      throw new Error('smtp.auth borrows an IMAP account that is not oauth2');
    return imapAuth;
  }
  const provider = resolveOAuthProvider({ ...auth, provider: auth.provider });
  const clientId = auth.clientId ?? '';
  return {
    type: 'oauth2',
    account: {
      id: createHash('sha256')
        .update([provider.tokenUrl, clientId, server.user.toLowerCase()].join('\n'))
        .digest('hex')
        .slice(0, 24),
      user: server.user,
      clientId,
      ...(auth.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
      provider,
    },
  };
}
