import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, runCli } from '../support/run-cli.js';

/* `offhours explain` as a user runs it: the built CLI (npm run build) in a child process. */

const root = repoRoot;
const cli = cliPath;
const exampleConfig = join(root, 'config', 'offhours.example.yaml');
const fixtureDir = join(root, 'test', 'fixtures', 'mail');
const at = '2026-11-27T20:00:00Z';

const documentedKeys = [
  'file',
  'kind',
  'client',
  'available',
  'automated',
  'emergency',
  'actions',
  'resumeAt',
  'backup',
  'reply',
  'reasons',
];

function readLines(stdout: string): Record<string, unknown>[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let scratch: string;
let fixtures: string[];

beforeAll(async () => {
  await readFile(cli).catch((error: unknown) => {
    throw new Error(`${cli} is missing: run npm run build first`, { cause: error });
  });
  scratch = await mkdtemp(join(tmpdir(), 'offhours-cli-explain-'));
  fixtures = (await readdir(fixtureDir))
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => join(fixtureDir, name));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('offhours explain (child process)', () => {
  it('exits 0 with one JSON line per fixture, in argument order', () => {
    const result = runCli(['explain', '-c', exampleConfig, '--json', '--at', at, ...fixtures]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = readLines(result.stdout);
    expect(lines.map((line) => line['file'])).toEqual(fixtures);
    for (const line of lines) expect(Object.keys(line)).toEqual(documentedKeys);
    expect(
      lines.find((line) => String(line['file']).endsWith('/human-out-of-hours-request.eml')),
    ).toMatchObject({ client: 'acme', actions: ['reply', 'hold'] });
  });

  it('exits 1 with an error line for a missing file, and decides the rest', () => {
    const missing = join(scratch, 'no-such.eml');
    const files = [fixtures[0] ?? '', missing, fixtures[1] ?? ''];
    const result = runCli(['explain', '-c', exampleConfig, '--json', '--at', at, ...files]);
    expect(result.code).toBe(1);
    const lines = readLines(result.stdout);
    expect(lines.map((line) => line['file'])).toEqual(files);
    expect(lines[1]).toEqual({
      file: missing,
      error: `MESSAGE_UNREADABLE: cannot read ${missing} (ENOENT)`,
    });
    expect(Object.keys(lines[2] ?? {})).toEqual(documentedKeys);
  });

  it('exits 1 on an invalid config, naming file, line and key on stderr, nothing on stdout', async () => {
    const dir = join(scratch, 'bad-config');
    await mkdir(join(dir, 'clients'), { recursive: true });
    await copyFile(exampleConfig, join(dir, 'offhours.yaml'));
    const acme = await readFile(join(root, 'config', 'clients', 'acme.yaml'), 'utf8');
    expect(acme).toContain("'13:30-17:00'");
    await writeFile(
      join(dir, 'clients', 'acme.yaml'),
      acme.replace("'13:30-17:00'", "'13:30-17:75'"),
    );
    const result = runCli([
      'explain',
      '-c',
      join(dir, 'offhours.yaml'),
      '--json',
      '--at',
      at,
      fixtures[0] ?? '',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(result.stderr).toContain(
      "clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-17:75' is not HH:MM-HH:MM",
    );
  });

  it('rejects an --at that is not an instant', () => {
    const result = runCli([
      'explain',
      '-c',
      exampleConfig,
      '--at',
      'next friday',
      fixtures[0] ?? '',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('expected an ISO instant');
  });

  it('decides 2,000 files in one call', async () => {
    const dir = join(scratch, 'many');
    await mkdir(dir);
    const files = Array.from({ length: 2000 }, (_, index) => join(dir, `${index}.eml`));
    await Promise.all(
      files.map((file, index) => copyFile(fixtures[index % fixtures.length] ?? '', file)),
    );
    const started = performance.now();
    const result = runCli(['explain', '-c', exampleConfig, '--json', '--at', at, ...files]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(0);
    const lines = readLines(result.stdout);
    expect(lines.map((line) => line['file'])).toEqual(files);
    expect(lines.filter((line) => 'error' in line)).toEqual([]);
    console.info(`explain: 2,000 files in ${seconds.toFixed(2)} s`);
  });
});
