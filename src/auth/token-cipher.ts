import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { OffhoursError } from '../errors/offhours-error.js';

const version = 'v1';
// A fixed salt is enough: the secret is a random key, not a person's password, and one
// deployment derives one key from it.
const salt = 'offhours-token-store-v1';

/**
 * AES-256-GCM for the token store. Every record is sealed with a fresh 96-bit nonce and
 * bound to its account (`context` as additional data), so a sealed record copied to
 * another account's key does not open.
 */
export class TokenCipher {
  private constructor(private readonly key: Buffer) {}

  static fromSecret(secret: string): TokenCipher {
    return new TokenCipher(scryptSync(secret, salt, 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [tag, iv, authTag, body] = sealed.split('.');
    try {
      if (tag !== version || iv === undefined || authTag === undefined || body === undefined)
        throw new Error(`not a ${version} record`);
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new OffhoursError(
        'AUTH_SECRET_MISMATCH',
        'the stored tokens cannot be decrypted with this key: OFFHOURS_SECRET (or the key file) differs from the one used at login; set the same one, or log in again',
        { cause: error },
      );
    }
  }
}
