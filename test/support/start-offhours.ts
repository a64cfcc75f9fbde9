/**
 * Runs the real daemon as users run it: `node dist/cli/main.js run --config <file>`, a child
 * process whose JSON log lines (stdout) are parsed and kept, so tests wait on what the
 * daemon says it did (`waitForLog`) instead of sleeping. Needs `npm run build` first
 * (`npm test` does it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { daemonNodeFlags } from '../../src/runtime/daemon-node-flags.js';

export type LogLine = Record<string, unknown> & { event?: string; msg?: string; level?: number };

export interface OffhoursProcess {
  /** The daemon's process id (for /proc readings in the benchmark). */
  readonly pid: number;
  readonly logs: LogLine[];
  readonly stderr: string[];
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, for restart tests. */
  kill(): Promise<void>;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  waitForExit(timeoutMs: number): Promise<number | string | null>;
}

const cliPath = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

export function startOffhours(
  args: readonly string[],
  env: Record<string, string> = {},
): OffhoursProcess {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: run 'npm run build' first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [...daemonNodeFlags, cliPath, ...args], {
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  const emitter = new EventEmitter();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let parsed: LogLine;
    try {
      parsed = JSON.parse(line) as LogLine;
    } catch {
      parsed = { msg: line, unparsed: true };
    }
    logs.push(parsed);
    emitter.emit('line', parsed);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));

  const waitForLog = (
    predicate: (line: LogLine) => boolean,
    timeoutMs = 15_000,
  ): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const found = logs.find(predicate);
      if (found !== undefined) {
        resolve(found);
        return;
      }
      const onLine = (line: LogLine) => {
        if (!predicate(line)) return;
        cleanup();
        resolve(line);
      };
      const onExit = () => {
        cleanup();
        reject(
          new Error(
            `offhours exited before the awaited log line.\nstderr:\n${stderr.join('\n')}\nlogs:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`,
          ),
        );
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching log line within ${timeoutMs} ms. Logs so far:\n${logs.map((l) => JSON.stringify(l)).join('\n')}\nstderr:\n${stderr.join('\n')}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        emitter.off('line', onLine);
        child.off('exit', onExit);
      };
      emitter.on('line', onLine);
      child.once('exit', onExit);
    });

  return {
    pid: child.pid ?? -1,
    logs,
    stderr,
    waitForLog,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    waitForExit(timeoutMs) {
      const ended = (): number | string | null => child.signalCode ?? child.exitCode;
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(ended());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`offhours did not exit within ${timeoutMs} ms`)),
          timeoutMs,
        );
        void exited.then(() => {
          clearTimeout(timer);
          resolve(ended());
        });
      });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
