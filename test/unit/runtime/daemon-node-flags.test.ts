import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daemonNodeFlags } from '../../../src/runtime/daemon-node-flags.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('daemonNodeFlags', () => {
  it('are passed by the offhours command itself (the shebang of src/cli/main.ts)', () => {
    const shebang = readFileSync(join(root, 'src', 'cli', 'main.ts'), 'utf8').split('\n')[0] ?? '';
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node /);
    expect(shebang.split(' ').slice(3)).toEqual([...daemonNodeFlags]);
  });
});
