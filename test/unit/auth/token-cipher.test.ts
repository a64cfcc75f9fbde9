import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../../../src/auth/token-cipher.js';

const cipher = TokenCipher.fromSecret('a-long-enough-test-secret');

describe('TokenCipher', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const first = cipher.seal('{"refreshToken":"rt-1"}', 'acct-a');
    const second = cipher.seal('{"refreshToken":"rt-1"}', 'acct-a');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\./);
    expect(first).not.toContain('rt-1');
    expect(cipher.open(first, 'acct-a')).toBe('{"refreshToken":"rt-1"}');
  });

  it.each([
    [
      'another key',
      TokenCipher.fromSecret('a-different-test-secret'),
      'acct-a',
      (sealed: string) => sealed,
    ],
    ['another account', cipher, 'acct-b', (sealed: string) => sealed],
    ['a tampered body', cipher, 'acct-a', (sealed: string) => `${sealed.slice(0, -2)}AA`],
    ['garbage', cipher, 'acct-a', () => 'not-sealed'],
  ])('refuses to open with %s: AUTH_SECRET_MISMATCH', (_name, opener, context, alter) => {
    const sealed = alter(cipher.seal('secret text', 'acct-a'));
    expect(() => opener.open(sealed, context)).toThrow(
      expect.objectContaining({ code: 'AUTH_SECRET_MISMATCH' }),
    );
  });
});
