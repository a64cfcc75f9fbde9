import type { StoredRecord } from '../records/activity-record.js';
import { describeWhen } from './describe-when.js';
import type { StatusSnapshot } from './status-snapshot.js';
import type { HealthItem } from './status-view.js';

/**
 * The four parts a VA may ask about, each ok, warn, bad or off with a line of words: the
 * mailbox watcher, Redis, SMTP (this process's last send and failure, and the records'
 * last delivery and permanent refusal) and the logins. Pure.
 */
export function describeHealth(snapshot: StatusSnapshot, now: Date): HealthItem[] {
  const when = (iso: string): string =>
    describeWhen(new Date(iso), snapshot.assistant.timeZone, now);
  return [
    describeWatcher(snapshot, when),
    snapshot.redis === 'ok'
      ? {
          part: 'redis',
          state: 'ok',
          name: 'Redis',
          label: 'Connected',
          detail: 'Queue and records reachable.',
        }
      : {
          part: 'redis',
          state: 'bad',
          name: 'Redis',
          label: 'Unreachable',
          detail: 'Work waits in the queue until it is back.',
        },
    describeSmtp(snapshot, when),
    describeAuth(snapshot),
  ];
}

function describeWatcher(snapshot: StatusSnapshot, when: (iso: string) => string): HealthItem {
  const base = { part: 'watcher', name: 'Mailbox' } as const;
  const watcher = snapshot.watcher;
  const holder = snapshot.watcherHolder;
  if (watcher === null)
    return {
      ...base,
      state: holder === null ? 'bad' : 'off',
      label: holder === null ? 'Not watched' : 'Watched elsewhere',
      detail:
        holder === null
          ? 'This process only runs workers and no offhours process watches the mailbox.'
          : `This process only runs workers; ${holder} watches the mailbox.`,
    };
  const failure = watcher.failure;
  switch (watcher.state) {
    case 'watching':
      return {
        ...base,
        state: 'ok',
        label: 'Watching',
        detail:
          watcher.lastCheckAt === null
            ? 'The first check is running.'
            : `Last checked ${when(watcher.lastCheckAt)}.`,
      };
    case 'standby':
      return {
        ...base,
        state: 'ok',
        label: 'Standing by',
        detail: `${holder ?? 'Another process'} watches the mailbox; this one takes over if it stops.`,
      };
    case 'starting':
    case 'connecting':
      return {
        ...base,
        state: 'warn',
        label: 'Connecting',
        detail: failure === null ? 'Opening the mailbox.' : `Last attempt: ${failure.reason}.`,
      };
    case 'disconnected':
      return {
        ...base,
        state: 'bad',
        label: 'Disconnected',
        detail:
          failure === null
            ? 'Reconnecting; mail that arrives meanwhile is handled after.'
            : `${failure.reason} (since ${when(failure.at)}); reconnecting.`,
      };
    case 'stopped':
      return { ...base, state: 'off', label: 'Stopped', detail: 'The daemon is stopping.' };
    default: {
      const unknown: never = watcher.state;
      throw new Error(`unknown watcher state ${String(unknown)}`);
    }
  }
}

function describeSmtp(snapshot: StatusSnapshot, when: (iso: string) => string): HealthItem {
  const base = { part: 'smtp', name: 'Sending (SMTP)' } as const;
  const delivered = latest(
    snapshot.records,
    (record) => record.outcome.type === 'replied' || record.outcome.type === 'forwarded',
  );
  const refused = latest(
    snapshot.records,
    (record) => record.outcome.type === 'failed' && record.outcome.code === 'SMTP_PERMANENT',
  );
  const lastOk = maxIso(snapshot.smtp.lastSentAt, delivered);
  const failure = snapshot.smtp.lastFailure;
  const lastRefused = maxIso(failure?.code === 'SMTP_PERMANENT' ? failure.at : null, refused);
  if (failure !== null && failure.code !== 'SMTP_PERMANENT' && isAfter(failure.at, lastOk))
    return {
      ...base,
      state: 'warn',
      label: 'Retrying',
      detail: `${failure.message} (${when(failure.at)}); replies are retried with backoff.`,
    };
  if (lastRefused !== null && isAfter(lastRefused, lastOk))
    return {
      ...base,
      state: 'bad',
      label: 'Refused a message',
      detail: `The server refused a message for good ${when(lastRefused)}; see above.`,
    };
  return {
    ...base,
    state: 'ok',
    label: 'Ready',
    detail: lastOk === null ? 'Nothing sent lately.' : `Last message accepted ${when(lastOk)}.`,
  };
}

function describeAuth(snapshot: StatusSnapshot): HealthItem {
  const base = { part: 'auth', name: 'Logins' } as const;
  const refused =
    snapshot.watcher?.failure?.loginRefused === true && snapshot.watcher.state !== 'watching';
  const dead = snapshot.auth.filter((account) => account.state !== 'ok');
  if (refused || dead.length > 0)
    return {
      ...base,
      state: 'bad',
      label: 'Login needed',
      detail: [
        ...(refused ? ['The IMAP server refused the password.'] : []),
        ...dead.map((account) => `${account.user} (${account.provider}) needs signing in.`),
      ].join(' '),
    };
  if (snapshot.auth.length === 0)
    return { ...base, state: 'ok', label: 'Password', detail: 'Mail logins use passwords.' };
  return {
    ...base,
    state: 'ok',
    label: 'Tokens valid',
    detail: `OAuth2: ${snapshot.auth.map((account) => `${account.user} (${account.provider})`).join(', ')}.`,
  };
}

function latest(
  records: readonly StoredRecord[],
  matches: (record: StoredRecord) => boolean,
): string | null {
  // Newest first: the first match is the latest.
  return records.find(matches)?.at ?? null;
}

function maxIso(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function isAfter(a: string, b: string | null): boolean {
  return b === null || Date.parse(a) > Date.parse(b);
}
