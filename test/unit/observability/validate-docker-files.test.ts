import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCompose,
  checkDockerfile,
  checkDockerignore,
  checkSystemdUnit,
} from '../../../scripts/validate-docker-files.js';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const dockerfile = read('Dockerfile');
const compose = read('docker-compose.yml');
const unit = read('deploy/offhours.service');

describe('validate-docker-files', () => {
  it('finds nothing wrong with the files in the repo', () => {
    expect(checkDockerfile(dockerfile)).toEqual([]);
    expect(checkCompose(compose)).toEqual([]);
    expect(checkDockerignore(read('.dockerignore'))).toEqual([]);
    expect(checkSystemdUnit(unit)).toEqual([]);
  });

  it.each([
    ['running as root', dockerfile.replace('USER node', 'USER root'), 'non-root USER'],
    [
      'a single stage',
      dockerfile.replace(/^FROM node:24-slim AS build[\s\S]*?(?=FROM)/m, ''),
      'multi-stage',
    ],
    [
      'tsx in CMD',
      dockerfile.replace('"dist/cli/main.js"', '"tsx", "src/cli/main.ts"'),
      'compiled CLI',
    ],
    ['no health check', dockerfile.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''), 'HEALTHCHECK'],
    [
      'curl in the health check',
      dockerfile.replace('CMD ["node", "-e"', 'CMD ["curl", "-f"'),
      'no curl',
    ],
    [
      'a non-LTS runtime',
      dockerfile.replace(/FROM node:24-slim AS runtime/, 'FROM node:23-slim AS runtime'),
      'slim LTS',
    ],
    [
      'the daemon without its node flags',
      dockerfile.replace('"--max-old-space-size=192", ', ''),
      '--max-old-space-size=192',
    ],
    [
      'dev dependencies at runtime',
      dockerfile.replace('npm ci --omit=dev', 'npm ci'),
      '--omit=dev',
    ],
  ])('Dockerfile with %s is rejected', (_name, text, message) => {
    expect(text).not.toBe(dockerfile);
    expect(checkDockerfile(text).join('\n')).toContain(message);
  });

  it.each([
    ['no AOF', compose.replace("'--appendonly', 'yes', ", ''), 'appendonly'],
    ['an evicting Redis', compose.replace("'noeviction'", "'allkeys-lru'"), 'noeviction'],
    ['a writable config', compose.replace('./config:/config:ro', './config:/config'), 'read-only'],
    [
      'a password in the file',
      compose.replace(/IMAP_PASS: \$\{IMAP_PASS[^\n]*/, 'IMAP_PASS: hunter2'),
      'IMAP_PASS',
    ],
    [
      'no healthy wait',
      compose.replace('condition: service_healthy', 'condition: service_started'),
      'service_healthy',
    ],
    ['an undeclared volume', compose.replace(/^volumes:\n {2}redis-data:\n/m, ''), 'named volume'],
    ['broken YAML', `${compose}\n  : [`, 'not valid YAML'],
  ])('docker-compose.yml with %s is rejected', (_name, text, message) => {
    expect(text).not.toBe(compose);
    expect(checkCompose(text).join('\n')).toContain(message);
  });

  it.each([
    ['root', unit.replace('User=offhours', 'User=root'), 'not root'],
    [
      'tsx',
      unit.replace(/^ExecStart=.*$/m, 'ExecStart=/usr/bin/npx tsx src/cli/main.ts run'),
      'ExecStart',
    ],
    [
      'W^X memory',
      unit.replace('NoNewPrivileges=yes', 'NoNewPrivileges=yes\nMemoryDenyWriteExecute=yes'),
      'V8 JIT',
    ],
    [
      'node without its flags',
      unit.replace('--max-old-space-size=192 ', ''),
      '--max-old-space-size=192',
    ],
    ['always restarting', unit.replace('Restart=on-failure', 'Restart=always'), 'on-failure'],
  ])('systemd unit running as %s is rejected', (_name, text, message) => {
    expect(text).not.toBe(unit);
    expect(checkSystemdUnit(text).join('\n')).toContain(message);
  });

  it('.dockerignore must keep secrets and node_modules out', () => {
    expect(checkDockerignore('dist\n.git\n')).toEqual([
      '.dockerignore: must exclude node_modules',
      '.dockerignore: must exclude .env',
    ]);
  });
});
