import type { Transporter } from 'nodemailer';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sendDigest, type SendDigestDeps } from '../../../src/actions/send-digest.js';
import type { ActivityRecord, StoredRecord } from '../../../src/records/activity-record.js';
import type { ListOptions } from '../../../src/store/record-log.js';
import type { DeliveryState } from '../../../src/store/delivery-record.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';
import { buildSchedule, weekdaysNineToFive } from '../schedule/build-schedule.js';

/** The branches of sendDigest with in-memory stand-ins: no sockets, no Redis. */

// Thursday 26 November 2026, 09:00 in London (GMT): Acme's hours start, the digest is due.
const dueAt = '2026-11-26T09:00:00.000Z';
const yesterdayNine = new Date('2026-11-25T09:00:00.000Z');

const held: StoredRecord = {
  id: '1-0',
  at: '2026-11-25T20:00:00.000Z',
  client: 'acme',
  messageKey: 'k1',
  messageId: 'm1@acme.example',
  from: 'jane@acme.example',
  subject: 'Invoice <question>',
  decision: 'hold',
  reasons: ['UNAVAILABLE_OUTSIDE_HOURS'],
  automated: false,
  emergency: false,
  outcome: { type: 'held', until: dueAt },
  jobId: null,
};

function harness(options: {
  enabled?: boolean;
  mark?: Date | null;
  now?: string;
  records?: ActivityRecord[];
  prior?: DeliveryState;
}) {
  const sends: string[] = [];
  const lists: ListOptions[] = [];
  const deliveries = new Map<string, DeliveryState>();
  if (options.prior !== undefined) deliveries.set('digest-1', options.prior);
  const state = { mark: options.mark === undefined ? yesterdayNine : options.mark };
  const base = makeTriageConfig({
    clients: [
      makeAcme({
        schedule: buildSchedule({ timeZone: 'Europe/London', hours: weekdaysNineToFive }),
      }),
    ],
  });
  const config = {
    ...base,
    digest: {
      enabled: options.enabled ?? true,
      at: 'first-check-in' as const,
      to: 'dana@studio.example',
    },
    smtp: {
      host: '127.0.0.1',
      port: 25,
      secure: false,
      from: 'dana@studio.example',
      sentCopy: 'server' as const,
    },
  };
  const deps: SendDigestDeps = {
    mailboxId: 'dana@imap.example/INBOX',
    config: () => config,
    logger: pino({ level: 'silent' }),
    now: () => new Date(options.now ?? '2026-11-26T09:00:00.050Z'),
    records: {
      list: (list: ListOptions = {}) => {
        lists.push(list);
        return Promise.resolve(
          [...(options.records ?? [])]
            .reverse()
            .map((record, index) => ({ ...record, id: `${index}-0` })),
        );
      },
    },
    mark: {
      read: () => Promise.resolve(state.mark),
      advance: (to: Date) => {
        if (state.mark === null || to > state.mark) state.mark = to;
        return Promise.resolve();
      },
    },
    delivery: {
      transport: {
        sendMail: (mail: { raw: Buffer | string }) => {
          sends.push(String(mail.raw));
          return Promise.resolve({});
        },
      } as unknown as Transporter,
      deliveries: {
        read: (jobId: string) => Promise.resolve(deliveries.get(jobId) ?? null),
        markSending: (jobId: string, messageId: string) => {
          deliveries.set(jobId, { state: 'sending', messageId, at: '' });
          return Promise.resolve();
        },
        markSent: (jobId: string, messageId: string) => {
          deliveries.set(jobId, { state: 'sent', messageId, at: '' });
          return Promise.resolve();
        },
        clear: (jobId: string) => {
          deliveries.delete(jobId);
          return Promise.resolve();
        },
      },
      sentFolder: { contains: () => Promise.resolve(false), append: () => Promise.resolve() },
      sentMessages: { record: () => Promise.resolve() },
      sentCopy: 'server',
      logger: pino({ level: 'silent' }),
      now: () => new Date('2026-11-26T09:00:00.050Z'),
    },
  };
  return {
    sends,
    lists,
    state,
    run: (at = dueAt) => sendDigest({ mailboxId: deps.mailboxId, dueAt: at }, 'digest-1', deps),
  };
}

describe('sendDigest', () => {
  it.each([
    ['digest.enabled is false', { enabled: false }, dueAt, 'disabled'],
    ['the period was digested already', { mark: new Date(dueAt) }, dueAt, 'done'],
    ['09:30 is no digest instant (the schedules changed)', {}, '2026-11-26T09:30:00.000Z', 'stale'],
    ['Friday’s digest is due too', { now: '2026-11-27T09:05:00Z' }, dueAt, 'superseded'],
  ] as const)('sends nothing when %s', async (_name, options, at, reason) => {
    const h = harness({ ...options, records: [held] });
    const markBefore = h.state.mark;
    expect(await h.run(at)).toEqual({ sent: false, reason });
    expect(h.sends).toEqual([]);
    expect(h.lists).toEqual([]);
    expect(h.state.mark).toBe(markBefore);
  });

  it('sends nothing for an empty period but moves the mark on', async () => {
    const h = harness({ records: [] });
    expect(await h.run()).toEqual({ sent: false, reason: 'empty' });
    expect(h.sends).toEqual([]);
    expect(h.lists).toEqual([{ since: yesterdayNine, until: new Date(dueAt) }]);
    expect(h.state.mark).toEqual(new Date(dueAt));
  });

  it('sends the period’s records once, HTML and text, then moves the mark', async () => {
    const h = harness({ records: [held] });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ sent: true, earlier: false });
    expect(h.sends).toHaveLength(1);
    const raw = h.sends[0] ?? '';
    expect(raw).toMatch(/^To: dana@studio\.example$/m);
    expect(raw).toMatch(/^Subject: Hand-back: 1 held since Wed 25 Nov 09:00$/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toContain('Invoice &lt;question&gt;');
    expect(h.state.mark).toEqual(new Date(dueAt));

    // The same job again (a retry after a crash past the send): found recorded, not resent.
    h.state.mark = yesterdayNine;
    expect(await h.run()).toMatchObject({ sent: true, earlier: true });
    expect(h.sends).toHaveLength(1);
  });

  it('covers the day before when the mark is lost', async () => {
    const h = harness({ mark: null, records: [held] });
    await h.run();
    expect(h.lists).toEqual([
      { since: new Date('2026-11-25T09:00:00.000Z'), until: new Date(dueAt) },
    ]);
  });
});
