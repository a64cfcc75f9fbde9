import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTokenSecret } from '../../../src/auth/load-token-secret.js';

const dir = mkdtempSync(join(tmpdir(), 'oh-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, text: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('loadTokenSecret', () => {
  it('takes OFFHOURS_SECRET first', () => {
    expect(
      loadTokenSecret({
        OFFHOURS_SECRET: 'inline-secret-0123456789',
        OFFHOURS_SECRET_FILE: '/nowhere',
      }),
    ).toBe('inline-secret-0123456789');
  });

  it.each([0o600, 0o400])('reads a key file of mode %o, without its newline', (mode) => {
    const path = keyFile(`key-${mode}`, 'file-secret-0123456789\n', mode);
    expect(loadTokenSecret({ OFFHOURS_SECRET_FILE: path })).toBe('file-secret-0123456789');
  });

  it.each([
    ['nothing set', {}, 'neither OFFHOURS_SECRET nor OFFHOURS_SECRET_FILE is set'],
    ['a short secret', { OFFHOURS_SECRET: 'short' }, 'shorter than 16 characters'],
    ['a missing file', { OFFHOURS_SECRET_FILE: join(dir, 'absent') }, 'cannot read the key file'],
    [
      'a file others can read',
      { OFFHOURS_SECRET_FILE: keyFile('open', 'file-secret-0123456789', 0o644) },
      'can be read by other users (mode 644): chmod 600',
    ],
  ])('refuses %s: AUTH_SECRET_MISSING', (_name, env, message) => {
    expect(() => loadTokenSecret(env)).toThrow(
      expect.objectContaining({
        code: 'AUTH_SECRET_MISSING',
        message: expect.stringContaining(message) as unknown,
      }),
    );
  });
});
