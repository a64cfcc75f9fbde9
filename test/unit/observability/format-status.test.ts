import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../../src/observability/format-status.js';
import type { StatusReport } from '../../../src/observability/read-status.js';

// Wednesday 25 November 2026, 22:30 UTC.
const now = new Date('2026-11-25T22:30:00Z');
const emptyQueue = { waiting: 0, delayed: 0, active: 0, failed: 0 };

const report: StatusReport = {
  at: now.toISOString(),
  prefix: 'offhours',
  timeZone: 'Europe/London',
  onCall: { name: 'Sam Ortiz', address: 'sam@studio.example' },
  watcher: 'vm:4242:ab12cd34',
  auth: [],
  held: [
    {
      messageKey: 'k1',
      clientId: 'acme',
      from: 'jane@acme.example',
      subject: 'Invoice question',
      heldAt: '2026-11-25T22:00:00.000Z',
      resumeAt: '2026-11-27T11:00:00.000Z',
      timeZone: 'UTC',
    },
    {
      messageKey: 'k2',
      clientId: 'bloom',
      from: '',
      subject: '',
      heldAt: '2026-11-25T22:10:00.000Z',
      resumeAt: '2026-11-26T08:00:00.000Z',
      timeZone: 'America/New_York',
    },
  ],
  queues: { mail: { ...emptyQueue, waiting: 2, failed: 1 }, hold: { ...emptyQueue, delayed: 1 } },
  calendars: [],
  nextReleases: [
    { clientId: 'acme', dueAt: '2026-11-27T11:00:00.000Z', timeZone: 'UTC', sender: null },
  ],
  clients: [
    {
      id: 'acme',
      name: 'Acme Corp',
      timeZone: 'UTC',
      available: false,
      reason: 'UNAVAILABLE_OUTSIDE_HOURS',
      nextLookAt: '2026-11-26T09:00:00.000Z',
    },
    {
      id: 'bloom',
      name: 'Bloom',
      timeZone: 'America/New_York',
      available: true,
      reason: 'AVAILABLE_IN_HOURS',
      nextLookAt: now.toISOString(),
    },
  ],
};

describe('formatStatus', () => {
  it('says what is held and when it is back, on each client’s wall clock', () => {
    const text = formatStatus(report, now);
    expect(text).toMatch(
      /^offhours status, Wed 25 Nov 22:30 Europe\/London, Redis prefix offhours\n/,
    );
    expect(text).toContain('on call  Sam Ortiz <sam@studio.example>');
    expect(text).toContain('watcher  running (vm:4242:ab12cd34)');
    expect(text).toContain('Held: 2 messages');
    expect(text).toContain(
      'acme  back on Friday 27 November at 11:00  from jane@acme.example  "Invoice question"',
    );
    // 08:00 UTC on Thursday is 03:00 in New York, and "tomorrow" there too.
    expect(text).toContain('bloom  back tomorrow at 03:00  from (unknown sender)  "(no subject)"');
  });

  it('lists queue counts, the next releases and each client’s next look at mail', () => {
    const text = formatStatus(report, now);
    expect(text).toContain('mail (replies, forwards)  2 waiting, 0 scheduled, 0 running, 1 failed');
    expect(text).toContain('hold (releases)           0 waiting, 1 scheduled, 0 running, 0 failed');
    expect(text).toContain('release of acme on Friday 27 November at 11:00');
    expect(text).toContain(
      'acme (Acme Corp, UTC)  not available (outside working hours), next looks at mail tomorrow at 09:00',
    );
    expect(text).toContain('bloom (Bloom, America/New_York)  available now');
  });

  it('says so when nothing is held and nobody is on call', () => {
    const text = formatStatus({ ...report, held: [], onCall: null, watcher: null }, now);
    expect(text).toContain('Held: nothing');
    expect(text).toContain('on call  nobody (no backups configured)');
    expect(text).toContain('watcher  none: no offhours process is watching the mailbox');
  });

  it.each([
    ['ok', null, 'auth     dana@studio.example (microsoft): tokens ok'],
    [
      'reauth_required',
      'offhours auth login --config /etc/offhours/offhours.yaml',
      'auth     dana@studio.example (microsoft): login needed, mail is left untouched: run offhours auth login --config /etc/offhours/offhours.yaml',
    ],
    [
      'not_logged_in',
      'offhours auth login --config /etc/offhours/offhours.yaml',
      'auth     dana@studio.example (microsoft): not logged in: run offhours auth login --config /etc/offhours/offhours.yaml',
    ],
  ] as const)('says what an OAuth2 account in state %s needs', (state, fix, line) => {
    const text = formatStatus(
      {
        ...report,
        auth: [{ user: 'dana@studio.example', provider: 'microsoft', state, fix }],
      },
      now,
    );
    expect(text.split('\n')).toContain(`  ${line}`);
  });

  it('shows no auth line when every login is a password', () => {
    expect(formatStatus(report, now)).not.toContain('auth ');
  });
});
