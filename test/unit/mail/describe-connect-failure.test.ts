import { describe, expect, it } from 'vitest';
import { describeConnectFailure } from '../../../src/mail/describe-connect-failure.js';

const withFields = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('describeConnectFailure', () => {
  it.each([
    [
      withFields('Command failed', { authenticationFailed: true }),
      'login refused: check imap.user and imap.pass',
    ],
    [
      withFields('connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      'connection refused: check imap.host and imap.port',
    ],
    [withFields('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }), 'unknown host: check imap.host'],
    [
      withFields('timed out', { code: 'CONNECT_TIMEOUT' }),
      'no answer: check imap.host, imap.port and the network',
    ],
    [
      withFields('self-signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      'TLS failed: check imap.secure, or imap.tls.ca for a private certificate',
    ],
    [
      withFields('bad record', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      'TLS failed: check imap.secure, or imap.tls.ca for a private certificate',
    ],
    [new Error('Unexpected close'), 'Unexpected close'],
    ['a string', 'a string'],
  ])('%s -> %s', (error, expected) => {
    expect(describeConnectFailure(error)).toBe(expected);
  });
});
