/**
 * Starts a private redis-server in a temp dir, on its own port, with AOF on: for tests
 * that stop, crash or restart Redis and must not disturb the shared one. Ordinary tests
 * use the shared Redis instead (see shared-redis.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isPortClosed } from './is-port-closed.js';
import { pickFreePort } from './pick-free-port.js';
import { pingRedis } from './ping-redis.js';
import { readLogTail } from './read-log-tail.js';
import { requireBinary } from './require-binary.js';
import { waitUntil } from './wait-until.js';

const runFile = promisify(execFile);
const host = '127.0.0.1';
const portAttempts = 3;
const readyTimeoutMs = 10_000;

export interface RedisServer {
  host: typeof host;
  port: number;
  url: string;
  dir: string;
  logPath: string;
  /**
   * Clean shutdown (SIGTERM; waits until Redis removed its pidfile). Removes the temp dir
   * unless `keepData`, which lets `start()` bring the same data back.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Crash: SIGKILL, waits until the process is gone. The dir stays for `start()`. */
  kill(): Promise<void>;
  /** Starts again on the same port and dir; AOF replays the data written before. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const binary = requireBinary('redis-server', 'redis-server');
  const dir = await mkdtemp(join(tmpdir(), 'oh-redis-'));
  const pidPath = join(dir, 'redis.pid');
  const logPath = join(dir, 'redis.log');

  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = await pickFreePort();
    try {
      await launch(binary, dir, port);
      break;
    } catch (error) {
      if (attempt < portAttempts && readLogTail(logPath).includes('Address already in use')) {
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  let running = true;
  const readPid = (): number => Number(readFileSync(pidPath, 'utf8').trim());

  return {
    host,
    port,
    url: `redis://${host}:${port}`,
    dir,
    logPath,
    async stop({ keepData = false } = {}) {
      if (running) {
        process.kill(readPid(), 'SIGTERM');
        await waitUntil(() => !existsSync(pidPath), {
          description: `redis-server on port ${port} to shut down (pidfile ${pidPath})`,
        });
        await waitUntil(() => isPortClosed(port), {
          description: `redis-server to release port ${port}`,
        });
        running = false;
      }
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      if (!running) return;
      const pid = readPid();
      process.kill(pid, 'SIGKILL');
      // The main thread turns zombie before Redis's other threads have exited and closed its
      // sockets, so the port tells when it is really gone.
      await waitUntil(async () => isProcessGone(pid) && (await isPortClosed(port)), {
        description: `redis-server pid ${pid} to die after SIGKILL`,
      });
      rmSync(pidPath, { force: true });
      running = false;
    },
    async start() {
      if (running) return;
      await waitUntil(() => isPortClosed(port), {
        description: `port ${port} to be free for the restarted redis-server`,
      });
      await launch(binary, dir, port);
      running = true;
    },
  };
}

async function launch(binary: string, dir: string, port: number): Promise<void> {
  const logPath = join(dir, 'redis.log');
  // --daemonize: the command returns at once; readiness is the first PONG.
  await runFile(binary, [
    '--bind',
    host,
    '--port',
    String(port),
    '--dir',
    dir,
    '--daemonize',
    'yes',
    '--pidfile',
    join(dir, 'redis.pid'),
    '--logfile',
    logPath,
    '--appendonly',
    'yes',
    '--save',
    '',
  ]);
  const url = `redis://${host}:${port}`;
  try {
    await waitUntil(
      async () => {
        if (hasFatalLine(logPath)) throw new Error('redis-server exited');
        return pingRedis(url, 500);
      },
      { description: `redis-server to answer PING on ${url}`, timeoutMs: readyTimeoutMs },
    );
  } catch (error) {
    throw new Error(
      `redis-server did not start on port ${port}: ${error instanceof Error ? error.message : String(error)}\n` +
        `--- tail of ${logPath} ---\n${readLogTail(logPath)}`,
      { cause: error },
    );
  }
}

function hasFatalLine(logPath: string): boolean {
  const tail = readLogTail(logPath);
  return tail.includes('# Could not create server TCP listening socket') || tail.includes('FATAL');
}

/** A SIGKILLed daemon is gone once /proc has no entry or shows a zombie PID 1 will reap. */
function isProcessGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state letter follows the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}
