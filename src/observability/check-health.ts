import type { WatcherState } from '../mail/watch-mailbox.js';

export interface HealthProbe {
  /** null in a workers-only process (`watch: false`): there is no mailbox to watch. */
  readonly watcher: () => {
    readonly state: WatcherState;
    readonly lastCheckAt: Date | null;
  } | null;
  readonly pingRedis: () => Promise<unknown>;
  /** When the process started: the age of a first check that has not finished yet. */
  readonly startedAt: Date;
  /** The OAuth2 accounts that need `auth login`; absent when no account uses OAuth2. */
  readonly listReauthRequired?: () => readonly string[];
}

export type HealthPart = 'imap' | 'redis' | 'triage' | 'auth';

export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly imap: WatcherState | 'off';
  readonly redis: 'ok' | 'unreachable';
  /** OAuth2 tokens: off when every login is a password. */
  readonly auth: 'off' | 'ok' | 'reauth_required';
  /** The accounts that need `offhours auth login`. */
  readonly reauthRequired: readonly string[];
  /** The end of the last successful triage check (ISO), or null before the first one. */
  readonly lastCheckAt: string | null;
  readonly failing: readonly HealthPart[];
}

export interface CheckHealthOptions {
  readonly now: Date;
  readonly redisTimeoutMs?: number;
  /** The watcher sweeps every 5 minutes; two missed sweeps mean triage is stuck. */
  readonly maxCheckAgeMs?: number;
}

/**
 * The daemon is healthy when its watcher watches the mailbox (or stands by while another
 * instance does), Redis answers PING in time, and a watching instance finished a triage
 * check recently. The report names every failing part, for /healthz and for people.
 */
export async function checkHealth(
  probe: HealthProbe,
  options: CheckHealthOptions,
): Promise<HealthReport> {
  const watcher = probe.watcher();
  const redisOk = await answersWithin(probe.pingRedis, options.redisTimeoutMs ?? 1_000);
  const failing: HealthPart[] = [];
  const imap = watcher?.state ?? 'off';
  if (imap !== 'off' && imap !== 'watching' && imap !== 'standby') failing.push('imap');
  if (!redisOk) failing.push('redis');
  const reauthRequired = probe.listReauthRequired?.() ?? [];
  if (reauthRequired.length > 0) failing.push('auth');
  if (imap === 'watching') {
    const lastCheck = watcher?.lastCheckAt ?? probe.startedAt;
    if (options.now.getTime() - lastCheck.getTime() > (options.maxCheckAgeMs ?? 10 * 60_000))
      failing.push('triage');
  }
  return {
    status: failing.length === 0 ? 'ok' : 'failing',
    imap,
    redis: redisOk ? 'ok' : 'unreachable',
    auth:
      probe.listReauthRequired === undefined
        ? 'off'
        : reauthRequired.length > 0
          ? 'reauth_required'
          : 'ok',
    reauthRequired,
    lastCheckAt: watcher?.lastCheckAt?.toISOString() ?? null,
    failing,
  };
}

/** Redis commands queue while disconnected and would wait forever: race them with a timer. */
async function answersWithin(call: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([call().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
