import { checkCommand } from './check-command.js';
import { startDaemon, type Daemon } from '../main.js';
import type { Logger } from '../observability/create-logger.js';

/**
 * `offhours run`: starts the daemon, prints a readable summary on stderr (stdout carries
 * the JSON log), and stops cleanly on SIGTERM or SIGINT.
 */
export async function runCommand(options: {
  configPath: string;
  logger: Logger;
  env: Record<string, string | undefined>;
  writeSummary: (text: string) => void;
  /** Pretend the clock started at this instant (demos and tests); it then runs at normal speed. */
  at?: Date;
  /** false: queue workers only, no mailbox watcher. */
  watch?: boolean;
}): Promise<Daemon> {
  const now = createClock(options.at);
  const daemon = await startDaemon({
    configPath: options.configPath,
    env: options.env,
    logger: options.logger,
    now,
    watch: options.watch !== false,
  });
  options.writeSummary(checkCommand(daemon.config(), now()).text);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.logger.info({ event: 'shutdown', signal }, 'stopping: finishing jobs in flight');
    daemon.stop().then(
      () => {
        options.logger.info({ event: 'stopped' }, 'stopped');
        // Everything offhours opened is closed; a handle a library left open must not
        // keep a stopped daemon alive.
        process.exit(0);
      },
      (error: unknown) => {
        options.logger.error(
          { event: 'shutdown_failed', code: 'INTERNAL', err: error },
          'shutdown failed',
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return daemon;
}

/** A clock that starts at `at` and then ticks with the real one; the real clock when `at` is absent. */
export function createClock(at?: Date): () => Date {
  if (at === undefined) return () => new Date();
  const offset = at.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
