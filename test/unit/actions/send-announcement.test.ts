import type { Transporter } from 'nodemailer';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { DeliverOnceDeps } from '../../../src/actions/deliver-once.js';
import { sendAnnouncement } from '../../../src/actions/send-announcement.js';
import type { JobPayload } from '../../../src/queue/job-catalog.js';
import type { AnnouncedTo } from '../../../src/store/announcement-ledger.js';
import type { DeliveryState } from '../../../src/store/delivery-record.js';

/** The branches of sendAnnouncement with in-memory stand-ins: no sockets, no Redis. */

const payload: JobPayload<'announce'> = {
  mailboxId: 'dana@imap.example/INBOX',
  clientId: 'northwind',
  absenceStart: '2026-11-27T00:00:00.000Z',
  absenceEnd: '2026-11-28T00:00:00.000Z',
  to: 'maya@northwind.example',
  subject: "I'm away on Friday 27 November",
  body: "A note ahead of time: I'm away on Friday 27 November.",
};

function harness(options: { now: string; announced?: AnnouncedTo; capFull?: boolean }) {
  const sent: string[] = [];
  const marked: { to: string; sent: AnnouncedTo }[] = [];
  const records = new Map<string, DeliveryState>();
  const delivery: DeliverOnceDeps = {
    transport: {
      sendMail: (mail: { raw: string | Buffer }) => {
        sent.push(String(mail.raw));
        return Promise.resolve({});
      },
    } as unknown as Transporter,
    deliveries: {
      read: (jobId) => Promise.resolve(records.get(jobId) ?? null),
      markSending: (jobId, messageId, at) => {
        records.set(jobId, { state: 'sending', messageId, at: at.toISOString() });
        return Promise.resolve();
      },
      markSent: (jobId, messageId, at) => {
        records.set(jobId, { state: 'sent', messageId, at: at.toISOString() });
        return Promise.resolve();
      },
      clear: (jobId) => {
        records.delete(jobId);
        return Promise.resolve();
      },
    },
    sentFolder: { contains: () => Promise.resolve(false), append: () => Promise.resolve() },
    sentMessages: { record: () => Promise.resolve() },
    sentCopy: 'server',
    logger: pino({ level: 'silent' }),
    now: () => new Date(options.now),
  };
  const run = () =>
    sendAnnouncement(payload, 'announce-1', {
      delivery,
      ledger: {
        read: () =>
          Promise.resolve(
            new Map(options.announced === undefined ? [] : [[payload.to, options.announced]]),
          ),
        mark: (announcement, what) => {
          marked.push({ to: announcement.to, sent: what });
          return Promise.resolve();
        },
      },
      caps: {
        reserve: () =>
          Promise.resolve(
            options.capFull === true
              ? { ok: false, cap: 'per-address', retryAt: new Date('2026-11-24T10:00:00Z') }
              : { ok: true, release: () => Promise.resolve() },
          ),
      },
      logger: pino({ level: 'silent' }),
      mailboxId: payload.mailboxId ?? '',
      from: { name: 'Dana Reyes', address: 'dana@studio.example' },
      limits: { perAddressPerHour: 3, globalPerMinute: 30 },
      now: () => new Date(options.now),
    });
  return { sent, marked, records, run };
}

describe('sendAnnouncement', () => {
  it('sends it as auto-generated mail, then marks the recipient as told', async () => {
    const h = harness({ now: '2026-11-24T09:00:00Z' });
    const outcome = await h.run();
    expect(outcome).toMatchObject({ sent: true, earlier: false });
    expect(h.sent).toHaveLength(1);
    const raw = h.sent[0] ?? '';
    expect(raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);
    expect(raw).toMatch(/^X-Auto-Response-Suppress: All\r$/m);
    expect(raw).toMatch(/^X-Offhours: announce; client=northwind\r$/m);
    expect(raw).not.toMatch(/^In-Reply-To:/m);
    expect(h.marked).toEqual([
      {
        to: 'maya@northwind.example',
        sent: {
          messageId: outcome.sent ? outcome.messageId : '',
          at: '2026-11-24T09:00:00.000Z',
        },
      },
    ]);
  });

  it('a second run of the same job finds its delivery record and sends nothing more', async () => {
    const h = harness({ now: '2026-11-24T09:00:00Z' });
    await h.run();
    expect(await h.run()).toMatchObject({ sent: true, earlier: true });
    expect(h.sent).toHaveLength(1);
  });

  it.each([
    [
      'a recipient told already',
      { now: '2026-11-24T09:00:00Z', announced: { messageId: 'x', at: '2026-11-23T09:00:00Z' } },
      'already-announced',
    ],
    ['once the absence has begun', { now: '2026-11-27T00:00:00Z' }, 'absence-begun'],
  ] as const)('sends nothing to %s', async (_name, options, skipped) => {
    const h = harness(options);
    expect(await h.run()).toEqual({ sent: false, skipped });
    expect(h.sent).toEqual([]);
    expect(h.marked).toEqual([]);
  });

  it('waits (SEND_DEFERRED) when a cap is full, sending and marking nothing', async () => {
    const h = harness({ now: '2026-11-24T09:00:00Z', capFull: true });
    await expect(h.run()).rejects.toMatchObject({ code: 'SEND_DEFERRED' });
    expect(h.sent).toEqual([]);
    expect(h.marked).toEqual([]);
  });
});
