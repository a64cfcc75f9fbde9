import { describe, expect, it } from 'vitest';
import { buildStatusView } from '../../../src/status/build-status-view.js';
import type { StatusSnapshot } from '../../../src/status/status-snapshot.js';
import { buildSchedule, span, weekdaysNineToFive } from '../schedule/build-schedule.js';
import { makeRecord, makeStatusSnapshot, snapshotAt } from '../../support/make-status-snapshot.js';

const healthOf = (snapshot: StatusSnapshot, part: string) =>
  buildStatusView(snapshot, snapshotAt).health.find((item) => item.part === part);

describe('buildStatusView', () => {
  it('keeps the newest 50 records and the first 100 held messages by return time, with totals', () => {
    const records = Array.from({ length: 120 }, (_, index) =>
      makeRecord(index, { outcome: { type: 'left' } }),
    );
    const held = Array.from({ length: 130 }, (_, index) => ({
      messageKey: `k${index}`,
      clientId: 'acme',
      from: 'jane@acme.example',
      subject: `#${index}`,
      heldAt: '2026-11-25T19:00:00.000Z',
      resumeAt: new Date(Date.UTC(2026, 10, 26, 0, 130 - index)).toISOString(),
    }));
    const view = buildStatusView(makeStatusSnapshot({ records, held }), snapshotAt);
    expect(view.records).toHaveLength(50);
    expect(view.records[0]?.id).toBe(records[0]?.id);
    expect(view.held.total).toBe(130);
    expect(view.held.shown).toHaveLength(100);
    expect(view.held.shown[0]?.subject).toBe('#129');
    expect(view.today.received).toBe(120);
  });

  it('an available client works until its interval ends, or an absence starts before that', () => {
    const withDentist = buildSchedule({
      timeZone: 'UTC',
      hours: weekdaysNineToFive,
      daysOff: [span('2026-11-25T15:00:00Z', '2026-11-25T16:00:00Z')],
    });
    const snapshot = makeStatusSnapshot({
      clients: [
        {
          id: 'plain',
          name: 'Plain',
          schedule: buildSchedule({ timeZone: 'UTC', hours: weekdaysNineToFive }),
        },
        { id: 'dentist', name: 'Dentist', schedule: withDentist },
      ],
      held: [],
    });
    const at = new Date('2026-11-25T12:00:00Z');
    const [plain, dentist] = buildStatusView(snapshot, at).clients;
    expect(plain).toMatchObject({ available: true, until: '2026-11-25T17:00:00.000Z' });
    // London and UTC read the same in November: one clock is enough.
    expect(plain?.untilText).toBe('today at 17:00');
    expect(plain?.untilTextVa).toBeNull();
    expect(dentist).toMatchObject({ available: true, until: '2026-11-25T15:00:00.000Z' });
    const during = buildStatusView(snapshot, new Date('2026-11-25T15:30:00Z')).clients[1];
    expect(during).toMatchObject({
      available: false,
      reason: 'UNAVAILABLE_ABSENCE',
      stateText: 'Away (calendar)',
      until: '2026-11-25T16:00:00.000Z',
    });
  });

  it.each([
    [
      'a retried failure after the last send',
      {
        lastSentAt: '2026-11-25T19:00:00.000Z',
        lastFailure: {
          at: '2026-11-25T19:30:00.000Z',
          code: 'SMTP_TRANSIENT',
          message: 'connection refused',
        },
      },
      'warn',
      'Retrying',
    ],
    [
      'a retried failure before the last send',
      {
        lastSentAt: '2026-11-25T19:45:00.000Z',
        lastFailure: {
          at: '2026-11-25T19:30:00.000Z',
          code: 'SMTP_TRANSIENT',
          message: 'connection refused',
        },
      },
      'ok',
      'Ready',
    ],
    [
      'a permanent refusal after the last send',
      {
        lastSentAt: '2026-11-25T18:00:00.000Z',
        lastFailure: {
          at: '2026-11-25T19:30:00.000Z',
          code: 'SMTP_PERMANENT',
          message: '550 no such user',
        },
      },
      'bad',
      'Refused a message',
    ],
  ] as const)('SMTP health with %s', (_name, smtp, state, label) => {
    expect(healthOf(makeStatusSnapshot({ smtp, records: [] }), 'smtp')).toMatchObject({
      state,
      label,
    });
  });

  it('SMTP health reads the records too: a refusal recorded after this process last sent', () => {
    const snapshot = makeStatusSnapshot({
      smtp: { lastSentAt: '2026-11-25T18:00:00.000Z', lastFailure: null },
    });
    // The sample records hold a reply that went out at 19:57 after the 18:40 refusal.
    expect(healthOf(snapshot, 'smtp')).toMatchObject({ state: 'ok' });
    const onlyRefusal = makeStatusSnapshot({
      smtp: { lastSentAt: null, lastFailure: null },
      records: [
        makeRecord(10, {
          outcome: { type: 'failed', job: 'reply', code: 'SMTP_PERMANENT' },
          jobId: 'r',
        }),
      ],
    });
    expect(healthOf(onlyRefusal, 'smtp')).toMatchObject({
      state: 'bad',
      label: 'Refused a message',
    });
  });

  it.each([
    [
      { state: 'watching', lastCheckAt: '2026-11-25T19:58:00.000Z', failure: null },
      'ok',
      'Watching',
    ],
    [{ state: 'standby', lastCheckAt: null, failure: null }, 'ok', 'Standing by'],
    [{ state: 'connecting', lastCheckAt: null, failure: null }, 'warn', 'Connecting'],
    [{ state: 'disconnected', lastCheckAt: null, failure: null }, 'bad', 'Disconnected'],
    [null, 'off', 'Watched elsewhere'],
  ] as const)('watcher %j', (watcher, state, label) => {
    expect(healthOf(makeStatusSnapshot({ watcher }), 'watcher')).toMatchObject({ state, label });
  });

  it('a workers-only process with nobody watching is bad', () => {
    expect(
      healthOf(makeStatusSnapshot({ watcher: null, watcherHolder: null }), 'watcher'),
    ).toMatchObject({
      state: 'bad',
      label: 'Not watched',
    });
  });

  it('counts only today on the VA’s clock', () => {
    const view = buildStatusView(
      makeStatusSnapshot({
        assistant: { name: 'Dana', timeZone: 'Pacific/Auckland' },
        records: [
          // 20:00 UTC on the 25th is 09:00 on the 26th in Auckland: today began at 11:00 UTC.
          makeRecord(8 * 60, { outcome: { type: 'held', until: '2026-11-26T08:45:00.000Z' } }),
          makeRecord(10 * 60, { outcome: { type: 'held', until: '2026-11-26T08:45:00.000Z' } }),
        ],
      }),
      snapshotAt,
    );
    expect(view.today).toMatchObject({ received: 1, held: 1 });
  });
});
