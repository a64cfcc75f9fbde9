import { readFileSync, statSync } from 'node:fs';
import { OffhoursError } from '../errors/offhours-error.js';

const minimumLength = 16;
const howToCreate =
  'create one with: umask 077; openssl rand -base64 32 > /etc/offhours/secret, then set OFFHOURS_SECRET_FILE=/etc/offhours/secret (or put the value in OFFHOURS_SECRET)';

/**
 * The key of the token store: OFFHOURS_SECRET, or the contents of the file named by
 * OFFHOURS_SECRET_FILE, which only its owner may read (0600 or 0400), like an SSH key.
 */
export function loadTokenSecret(env: Record<string, string | undefined>): string {
  const inline = env['OFFHOURS_SECRET'];
  const file = env['OFFHOURS_SECRET_FILE'];
  let secret: string;
  if (inline !== undefined && inline !== '') {
    secret = inline;
  } else if (file !== undefined && file !== '') {
    secret = readKeyFile(file);
  } else {
    throw new OffhoursError(
      'AUTH_SECRET_MISSING',
      `OAuth2 tokens are stored encrypted and need a key, but neither OFFHOURS_SECRET nor OFFHOURS_SECRET_FILE is set: ${howToCreate}`,
    );
  }
  secret = secret.trim();
  if (secret.length < minimumLength) {
    throw new OffhoursError(
      'AUTH_SECRET_MISSING',
      `the token store key is shorter than ${minimumLength} characters: ${howToCreate}`,
    );
  }
  return secret;
}

function readKeyFile(path: string): string {
  let mode: number;
  let text: string;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OffhoursError(
      'AUTH_SECRET_MISSING',
      `cannot read the key file ${path} (OFFHOURS_SECRET_FILE): ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new OffhoursError(
      'AUTH_SECRET_MISSING',
      `the key file ${path} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 ${path}`,
    );
  }
  return text;
}
