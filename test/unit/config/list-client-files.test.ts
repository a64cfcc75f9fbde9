import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listClientFiles } from '../../../src/config/list-client-files.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { isOffhoursError } from '../../../src/errors/offhours-error.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

let dir: string | undefined;
let copy: ExampleConfig | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  await copy?.remove();
  dir = undefined;
  copy = undefined;
});

describe('listClientFiles', () => {
  it('follows a Kubernetes ConfigMap layout (..data symlinks) and GNU stow links', async () => {
    dir = await mkdtemp(join(tmpdir(), 'offhours-clients-'));
    const clients = join(dir, 'clients');
    const stowed = join(dir, 'stow', 'bloom.yaml');
    await mkdir(join(clients, '..2026_12_02_07_00_00.123'), { recursive: true });
    await mkdir(join(dir, 'stow'));
    await writeFile(join(clients, '..2026_12_02_07_00_00.123', 'acme.yaml'), 'name: Acme\n');
    await writeFile(stowed, 'name: Bloom\n');
    await symlink('..2026_12_02_07_00_00.123', join(clients, '..data'));
    await symlink('..data/acme.yaml', join(clients, 'acme.yaml'));
    await symlink(stowed, join(clients, 'bloom.yaml'));
    await writeFile(join(clients, 'hartley.yml'), 'name: Hartley\n');
    await mkdir(join(clients, 'folder.yaml'));
    expect(await listClientFiles(clients, 'clients')).toEqual({
      paths: [
        join(clients, 'acme.yaml'),
        join(clients, 'bloom.yaml'),
        join(clients, 'hartley.yml'),
      ],
      problems: [],
    });
  });

  it('names a dangling symlink as a problem', async () => {
    dir = await mkdtemp(join(tmpdir(), 'offhours-clients-'));
    await symlink(join(dir, 'gone.yaml'), join(dir, 'ghost.yaml'));
    expect(await listClientFiles(dir, 'clients')).toEqual({
      paths: [],
      problems: [
        {
          file: join('clients', 'ghost.yaml'),
          line: 1,
          keyPath: '',
          message: 'is a symlink to a file that cannot be read (ENOENT): fix or remove the link',
        },
      ],
    });
  });

  it('makes loadConfig fail naming the dangling client file', async () => {
    copy = await copyExampleConfig();
    await symlink(join(copy.dir, 'nowhere.yaml'), join(copy.dir, 'clients', 'ghost.yaml'));
    const error: unknown = await loadConfig(copy.mainPath, {
      env: { IMAP_PASS: 'x', SMTP_PASS: 'y' },
      now: new Date('2026-11-27T20:00:00Z'),
    }).catch((caught: unknown) => caught);
    expect(isOffhoursError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain(
      'clients/ghost.yaml line 1: is a symlink to a file that cannot be read (ENOENT)',
    );
  });
});
