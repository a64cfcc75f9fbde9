import type { OffhoursConfig } from '../config/offhours-config.js';

/** The keys a reload can restart something for. */
export type RuntimeSettings = Pick<OffhoursConfig, 'imap' | 'smtp' | 'redis' | 'http' | 'limits'>;

/**
 * The parts of a running daemon a config change can restart, widest first:
 * - `redis`: every Redis connection, the queues, the workers and the mailbox runtimes;
 * - `http`: the health and metrics server;
 * - `workers`: the queue workers (their rate limit is fixed when they start);
 * - `mailbox`: the mailbox runtime, under a new mailbox id (own lease, checkpoint, hold ledger);
 * - `imap-connection`: the watcher's connection, same mailbox and checkpoint;
 * - `smtp`: the SMTP transport.
 * Everything else (clients, hours, on call, templates, caps read per job) takes effect at
 * the next message without restarting anything.
 */
export type RestartPart = 'redis' | 'http' | 'workers' | 'mailbox' | 'imap-connection' | 'smtp';

export interface Restart {
  readonly part: RestartPart;
  /** The changed keys that call for it, for the log line. */
  readonly keys: readonly string[];
}

const mailboxIdentity = ['imap.user', 'imap.host', 'imap.mailbox'];
/** Read by each triage and release, so a change needs no reconnect. */
const readLive = ['imap.holdMailbox'];

/** The keys each part depends on; every other imap key (port, TLS, credentials) is the connection's. */
function listWatchedKeys(
  previous: RuntimeSettings,
  next: RuntimeSettings,
): Record<RestartPart, string[]> {
  const imapKeys = [...new Set([...Object.keys(previous.imap), ...Object.keys(next.imap)])]
    .map((key) => `imap.${key}`)
    .filter((key) => !mailboxIdentity.includes(key) && !readLive.includes(key));
  return {
    redis: ['redis.url', 'redis.prefix'],
    http: ['http.port', 'http.host'],
    // The caps (limits.*) are read by each job, so nothing restarts for them.
    workers: [],
    mailbox: mailboxIdentity,
    'imap-connection': imapKeys,
    smtp: ['smtp'],
  };
}

/** What wider restarts already include. */
const implied: Readonly<Record<RestartPart, readonly RestartPart[]>> = {
  redis: ['workers', 'mailbox', 'imap-connection', 'smtp'],
  http: [],
  workers: [],
  mailbox: ['imap-connection', 'smtp'],
  'imap-connection': [],
  smtp: [],
};

/** Which parts to restart, and why, when the config changes from `previous` to `next`. */
export function planReload(previous: RuntimeSettings, next: RuntimeSettings): Restart[] {
  const watched = listWatchedKeys(previous, next);
  const restarts: Restart[] = [];
  for (const part of Object.keys(watched) as RestartPart[]) {
    const keys = watched[part].filter(
      (key) => JSON.stringify(readKey(previous, key)) !== JSON.stringify(readKey(next, key)),
    );
    if (keys.length > 0) restarts.push({ part, keys });
  }
  const covered = new Set(restarts.flatMap((restart) => implied[restart.part]));
  return restarts.filter((restart) => !covered.has(restart.part));
}

function readKey(config: RuntimeSettings, key: string): unknown {
  let value: unknown = config;
  for (const segment of key.split('.')) {
    value = typeof value === 'object' && value !== null ? Reflect.get(value, segment) : undefined;
  }
  return value;
}
