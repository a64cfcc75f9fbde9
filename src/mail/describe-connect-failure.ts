/** What a person should check, from the error imapflow gives. */
export function describeConnectFailure(error: unknown): string {
  const field = (key: string): unknown =>
    typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
  if (field('authenticationFailed') === true) return 'login refused: check imap.user and imap.pass';
  const code = field('code');
  if (code === 'ECONNREFUSED') return 'connection refused: check imap.host and imap.port';
  if (code === 'ENOTFOUND') return 'unknown host: check imap.host';
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return 'no answer: check imap.host, imap.port and the network';
  if (
    (typeof code === 'string' && code.startsWith('ERR_TLS')) ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return 'TLS failed: check imap.secure, or imap.tls.ca for a private certificate';
  }
  return error instanceof Error ? error.message : String(error);
}
