/** The built CLI (npm run build) as a user runs it: a child process, its exit code and output. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs from the repo root with only PATH and the example config's two passwords set, plus
 * `options.env`; `options.input` is written to its standard input.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'],
      IMAP_PASS: 'imap-secret',
      SMTP_PASS: 'smtp-secret',
      ...options.env,
    },
    ...(options.input === undefined ? {} : { input: options.input }),
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli without blocking this process: for commands that talk to a server the test itself
 * runs (the local OAuth2 server), which a synchronous spawn would keep from answering.
 */
export function runCliAsync(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    /** Sees standard output as it comes (e.g. the code `auth login` asks to type). */
    onOutput?: (stdout: string) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'],
        IMAP_PASS: 'imap-secret',
        SMTP_PASS: 'smtp-secret',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      options.onOutput?.(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
