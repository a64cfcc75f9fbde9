import { spawnSync } from 'node:child_process';
import { copyFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../support/run-cli.js';

/* `offhours check` as a user runs it: the built CLI (npm run build) in a child process. */

const root = repoRoot;
const cli = cliPath;
const exampleConfig = join(root, 'config', 'offhours.example.yaml');
const at = '2026-11-27T20:00:00Z';

let scratch: string;

/** A private copy of the example config (offhours.yaml and clients/) to break; its folder. */
async function copyConfig(name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(join(root, 'config', 'clients'), join(dir, 'clients'), { recursive: true });
  await copyFile(exampleConfig, join(dir, 'offhours.yaml'));
  return dir;
}

beforeAll(async () => {
  await readFile(cli).catch((error: unknown) => {
    throw new Error(`${cli} is missing: run npm run build first`, { cause: error });
  });
  scratch = await mkdtemp(join(tmpdir(), 'offhours-cli-check-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('offhours check (child process)', () => {
  it('exits 0 on the example config', () => {
    const result = runCli(['check', '-c', exampleConfig, '--at', at]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('config OK\n')).toBe(true);
    expect(result.stdout).toContain('  next look  tomorrow at 08:30 (2026-11-28T13:30:00.000Z)');
    expect(result.stdout).not.toContain('imap-secret');
  });

  it('exits 1 on a bad HH:MM, naming file, line and key on stderr, nothing on stdout', async () => {
    const dir = await copyConfig('bad-time');
    const acmePath = join(dir, 'clients', 'acme.yaml');
    const acme = await readFile(acmePath, 'utf8');
    expect(acme).toContain("'13:30-17:00'");
    await writeFile(acmePath, acme.replace("'13:30-17:00'", "'13:30-17:75'"));
    const result = runCli(['check', '-c', join(dir, 'offhours.yaml'), '--at', at]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-17:75' is not HH:MM-HH:MM",
    );
  });

  it('exits 1 when a client is never available', async () => {
    const dir = await copyConfig('never-available');
    await writeFile(
      join(dir, 'clients', 'ghost.yaml'),
      'name: Ghost Ltd\nmatch: { domains: [ghost.example] }\nhours: {}\ncheckIns: []\n',
    );
    const result = runCli(['check', '-c', join(dir, 'offhours.yaml'), '--at', at]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ghost (Ghost Ltd)  clients/ghost.yaml\n');
    expect(result.stdout).toContain('  ERROR CONFIG_NEVER_AVAILABLE: ');
    expect(result.stdout.endsWith('config INVALID\n')).toBe(true);
  });

  it('exits 1 when a password is missing from the environment, without echoing secrets', () => {
    const result = spawnSync(process.execPath, [cli, 'check', '-c', exampleConfig], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], SMTP_PASS: 'smtp-secret' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('IMAP_PASS');
    expect(result.stderr).not.toContain('smtp-secret');
  });
});

describe('offhours run on a config it cannot use (child process)', () => {
  it('exits 1 with every problem, file, line and key, and no stack trace', async () => {
    const dir = await copyConfig('run-bad-time');
    const acmePath = join(dir, 'clients', 'acme.yaml');
    await writeFile(
      acmePath,
      (await readFile(acmePath, 'utf8')).replace("'13:30-17:00'", "'13:30-1700'"),
    );
    const result = runCli(['run', '-c', join(dir, 'offhours.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "CONFIG_INVALID: The config has 1 problem:\n  clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-1700' is not HH:MM-HH:MM\n",
    );
    expect(result.stderr).not.toContain('    at ');
  });

  it('exits 1 naming a config file that does not exist', () => {
    const result = runCli(['run', '-c', join(scratch, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^CONFIG_UNREADABLE: Cannot read .*missing\.yaml \(ENOENT\)\.\n$/,
    );
  });
});
