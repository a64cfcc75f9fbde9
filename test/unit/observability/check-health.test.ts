import { describe, expect, it } from 'vitest';
import type { WatcherState } from '../../../src/mail/watch-mailbox.js';
import { checkHealth, type HealthProbe } from '../../../src/observability/check-health.js';

const now = new Date('2026-11-25T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

function probe(options: {
  state: WatcherState | null;
  lastCheckAt?: Date | null;
  redis?: 'ok' | 'rejects' | 'hangs';
  startedAt?: Date;
  reauthRequired?: readonly string[];
}): HealthProbe {
  const redis = options.redis ?? 'ok';
  return {
    watcher: () =>
      options.state === null
        ? null
        : { state: options.state, lastCheckAt: options.lastCheckAt ?? null },
    pingRedis: () =>
      redis === 'ok'
        ? Promise.resolve('PONG')
        : redis === 'rejects'
          ? Promise.reject(new Error('Connection is closed.'))
          : new Promise(() => undefined),
    startedAt: options.startedAt ?? minutesAgo(1),
    ...(options.reauthRequired === undefined
      ? {}
      : { listReauthRequired: () => options.reauthRequired ?? [] }),
  };
}

describe('checkHealth', () => {
  it.each([
    ['passwords only', undefined, 'off'],
    ['OAuth2 tokens working', [], 'ok'],
    ['an account needing a login', ['dana@studio.example'], 'reauth_required'],
  ] as const)('reports auth for %s as %s', async (_name, reauthRequired, auth) => {
    const report = await checkHealth(
      probe({
        state: 'watching',
        lastCheckAt: minutesAgo(1),
        ...(reauthRequired === undefined ? {} : { reauthRequired }),
      }),
      { now },
    );
    expect(report.auth).toBe(auth);
    expect(report.reauthRequired).toEqual(reauthRequired ?? []);
  });

  it.each([
    ['watching, checked 2 minutes ago', { state: 'watching', lastCheckAt: minutesAgo(2) }, []],
    ['a standby instance', { state: 'standby' }, []],
    ['a workers-only process', { state: null }, []],
    ['watching, first check still running 1 minute after start', { state: 'watching' }, []],
    ['disconnected from IMAP', { state: 'disconnected', lastCheckAt: minutesAgo(2) }, ['imap']],
    ['still connecting', { state: 'connecting' }, ['imap']],
    [
      'watching, last check 11 minutes ago',
      { state: 'watching', lastCheckAt: minutesAgo(11) },
      ['triage'],
    ],
    [
      'watching, no check 11 minutes after start',
      { state: 'watching', startedAt: minutesAgo(11) },
      ['triage'],
    ],
    [
      'Redis refusing',
      { state: 'watching', lastCheckAt: minutesAgo(1), redis: 'rejects' },
      ['redis'],
    ],
    ['everything down', { state: 'disconnected', redis: 'rejects' }, ['imap', 'redis']],
    [
      'OAuth2 tokens fine',
      { state: 'watching', lastCheckAt: minutesAgo(1), reauthRequired: [] },
      [],
    ],
    [
      'an OAuth2 account needing a login, watcher waiting for it',
      {
        state: 'disconnected',
        lastCheckAt: minutesAgo(1),
        reauthRequired: ['dana@studio.example'],
      },
      ['imap', 'auth'],
    ],
  ] as const)('%s: failing %j', async (_name, options, failing) => {
    const report = await checkHealth(probe(options), { now });
    expect(report.failing).toEqual(failing);
    expect(report.status).toBe(failing.length === 0 ? 'ok' : 'failing');
  });

  it('reports the watcher state, Redis and the last check time', async () => {
    const report = await checkHealth(probe({ state: 'watching', lastCheckAt: minutesAgo(2) }), {
      now,
    });
    expect(report).toEqual({
      status: 'ok',
      imap: 'watching',
      redis: 'ok',
      auth: 'off',
      reauthRequired: [],
      lastCheckAt: '2026-11-25T11:58:00.000Z',
      failing: [],
    });
  });

  it('gives up on a Redis PING that does not answer within the timeout', async () => {
    const started = Date.now();
    const report = await checkHealth(probe({ state: 'standby', redis: 'hangs' }), {
      now,
      redisTimeoutMs: 50,
    });
    expect(report.redis).toBe('unreachable');
    expect(report.failing).toEqual(['redis']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('accepts an older check when told a longer sweep', async () => {
    const report = await checkHealth(probe({ state: 'watching', lastCheckAt: minutesAgo(11) }), {
      now,
      maxCheckAgeMs: 20 * 60_000,
    });
    expect(report.status).toBe('ok');
  });
});
