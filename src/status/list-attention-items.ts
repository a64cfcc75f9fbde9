import { errorCodes } from '../errors/error-codes.js';
import type { StoredRecord } from '../records/activity-record.js';
import { describeWhen } from './describe-when.js';
import type { StatusSnapshot } from './status-snapshot.js';
import type { AttentionItem } from './status-view.js';

/** Failures listed one by one; the rest are counted in one more item. */
const maxFailuresShown = 10;

/**
 * What only the VA can fix, most urgent first: a config edit the daemon refused, a login
 * that stopped working (an OAuth2 account to sign in again, an IMAP password refused),
 * Redis away, messages the SMTP server refused for good and other jobs that failed for good
 * (from the records), and calendar feeds that fail. Pure.
 */
export function listAttentionItems(snapshot: StatusSnapshot, now: Date): AttentionItem[] {
  const zone = snapshot.assistant.timeZone;
  const when = (iso: string): string => describeWhen(new Date(iso), zone, now);
  const items: AttentionItem[] = [];
  const rejection = snapshot.configRejection;
  if (rejection !== null)
    items.push({
      kind: 'config-rejected',
      at: rejection.at,
      title: `A config edit was rejected (${when(rejection.at)})`,
      detail: rejection.message,
      fix: 'Fix the file: offhours keeps running on the last good config and picks up the fix by itself. `offhours check` shows the same problems.',
    });
  for (const account of snapshot.auth) {
    if (account.state === 'ok') continue;
    items.push({
      kind: 'login-dead',
      at: null,
      title:
        account.state === 'not_logged_in'
          ? `${account.user} (${account.provider}) is not logged in`
          : `The login of ${account.user} (${account.provider}) stopped working`,
      detail: 'Mail is left untouched until you sign in again; offhours resumes by itself.',
      fix: account.fix === null ? null : `Run ${account.fix}`,
    });
  }
  const failure = snapshot.watcher?.failure ?? null;
  if (failure?.loginRefused === true && snapshot.watcher?.state !== 'watching')
    items.push({
      kind: 'login-dead',
      at: failure.at,
      title: 'The mail server refused the mailbox login',
      detail: `${failure.reason} (since ${when(failure.at)}). offhours retries, more slowly.`,
      fix: 'Check imap.user and the password (imap.pass) in the config and the environment.',
    });
  if (snapshot.redis === 'unreachable')
    items.push({
      kind: 'redis-down',
      at: null,
      title: 'Redis cannot be reached',
      detail:
        'Replies, forwards and releases wait in the queue until it is back; nothing is lost. This page shows what it could read.',
      fix: 'Check that Redis runs and redis.url points at it.',
    });
  const failed = snapshot.records.filter(
    (record): record is StoredRecord & { outcome: { type: 'failed'; job: string; code: string } } =>
      record.outcome.type === 'failed',
  );
  for (const record of failed.slice(0, maxFailuresShown)) items.push(describeFailure(record, when));
  if (failed.length > maxFailuresShown)
    items.push({
      kind: 'job-failed',
      at: null,
      title: `${failed.length - maxFailuresShown} more failures`,
      detail: '`offhours log --since 7d` lists them all.',
      fix: null,
    });
  for (const calendar of snapshot.calendars) {
    if (calendar.failure === null) continue;
    items.push({
      kind: 'calendar-failing',
      at: calendar.failure.since,
      title: `A calendar feed fails (since ${when(calendar.failure.since)})`,
      detail: `${calendar.url} (${calendar.clientIds.join(', ')}): ${calendar.failure.code}: ${calendar.failure.message}. Its last good copy stays in force.`,
      fix: null,
    });
  }
  return items;
}

function describeFailure(
  record: StoredRecord & { outcome: { type: 'failed'; job: string; code: string } },
  when: (iso: string) => string,
): AttentionItem {
  const { job, code } = record.outcome;
  const about = [
    record.from === null ? null : `from ${record.from}`,
    record.subject === undefined || record.subject === '' ? null : `“${record.subject}”`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const what =
    job === 'reply'
      ? 'A reply could not be sent'
      : job === 'forward'
        ? 'An emergency could not be forwarded'
        : job === 'release'
          ? 'Held mail could not be brought back'
          : `A ${job} job failed`;
  const summary = (errorCodes as Partial<Record<string, { summary: string }>>)[code]?.summary;
  return {
    kind: code === 'SMTP_PERMANENT' ? 'smtp-refused' : 'job-failed',
    at: record.at,
    title: `${what} (${when(record.at)})`,
    detail: `${about === '' ? '' : `${about}. `}${code}${summary === undefined ? '' : `: ${summary}`}`,
    fix:
      code === 'SMTP_PERMANENT'
        ? 'The server refused it for good and it is not retried: check the address, or answer by hand.'
        : null,
  };
}
