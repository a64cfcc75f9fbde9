/** The built CLI (npm run build) as a user runs it: a child process, its exit code and output. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs from the repo root with only PATH and the example config's two passwords set. */
export function runCli(args: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
