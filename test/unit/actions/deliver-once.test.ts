import type { Transporter } from 'nodemailer';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  deliverOnce,
  type DeliveryStep,
  type OutgoingMessage,
} from '../../../src/actions/deliver-once.js';
import type { SentCopy } from '../../../src/config/offhours-config.js';
import type { DeliveryState } from '../../../src/store/delivery-record.js';

/** The branches of deliverOnce with in-memory stand-ins: no sockets, no Redis. */

type SendResult = 'accept' | { responseCode: number } | { code: string; command?: string };

interface Harness {
  readonly sends: string[];
  readonly appended: string[];
  readonly steps: DeliveryStep[];
  readonly records: Map<string, DeliveryState>;
  readonly ledger: string[];
  released: number;
  run: () => ReturnType<typeof deliverOnce>;
}

function harness(options: {
  readonly sentCopy: SentCopy;
  readonly prior?: DeliveryState;
  readonly inSentFolder?: readonly string[];
  readonly sentFolderFails?: boolean;
  readonly send?: SendResult;
  readonly markSentFails?: boolean;
}): Harness {
  const records = new Map<string, DeliveryState>();
  if (options.prior) records.set('reply:k1', options.prior);
  const sentFolder = new Set(options.inSentFolder ?? []);
  const h: Harness = {
    sends: [],
    appended: [],
    steps: [],
    records,
    ledger: [],
    released: 0,
    run: () => deliverOnce(message, deps),
  };
  const transport = {
    sendMail: (mail: { raw: string | Buffer }) => {
      const result = options.send ?? 'accept';
      if (result === 'accept') {
        h.sends.push(String(mail.raw));
        return Promise.resolve({});
      }
      return Promise.reject(Object.assign(new Error('smtp failure'), result));
    },
  } as unknown as Transporter;
  const at = (): string => new Date(0).toISOString();
  const deps = {
    transport,
    sentCopy: options.sentCopy,
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-12-03T09:00:00Z'),
    onStep: (step: DeliveryStep) => h.steps.push(step),
    sentMessages: {
      record: (ids: readonly string[]) => {
        h.ledger.push(...ids);
        return Promise.resolve();
      },
    },
    sentFolder: {
      contains: (id: string) =>
        options.sentFolderFails === true
          ? Promise.reject(new Error('IMAP down'))
          : Promise.resolve(sentFolder.has(id)),
      append: (raw: Buffer | string) => {
        h.appended.push(String(raw));
        return Promise.resolve();
      },
    },
    deliveries: {
      read: (jobId: string) => Promise.resolve(records.get(jobId) ?? null),
      markSending: (jobId: string, messageId: string) => {
        records.set(jobId, { state: 'sending', messageId, at: at() });
        return Promise.resolve();
      },
      markSent: (jobId: string, messageId: string) => {
        if (options.markSentFails === true) return Promise.reject(new Error('Redis away'));
        records.set(jobId, { state: 'sent', messageId, at: at() });
        return Promise.resolve();
      },
      clear: (jobId: string) => {
        records.delete(jobId);
        return Promise.resolve();
      },
    },
  };
  const message: OutgoingMessage = {
    jobId: 'reply:k1',
    messageId: 'offhours.abc@example.com',
    envelope: { from: 'va@example.com', to: ['client@example.org'] },
    mail: { from: 'va@example.com', to: 'client@example.org', subject: 'Re: hi', text: 'Away.' },
    reserve: () =>
      Promise.resolve(() => {
        h.released += 1;
        return Promise.resolve();
      }),
  };
  return h;
}

const sending: DeliveryState = { state: 'sending', messageId: 'offhours.abc@example.com', at: '' };
const sent: DeliveryState = { state: 'sent', messageId: 'offhours.abc@example.com', at: '' };

describe('deliverOnce', () => {
  it.each([
    // case, options, expected: sends, delivered, foundIn, appended copies
    ['first attempt, server copy', { sentCopy: 'server' }, 1, 'now', undefined, 0],
    ['first attempt, offhours appends the copy', { sentCopy: 'append' }, 1, 'now', undefined, 1],
    ['first attempt, no copy', { sentCopy: 'none' }, 1, 'now', undefined, 0],
    ['already recorded sent', { sentCopy: 'server', prior: sent }, 0, 'earlier', 'record', 0],
    [
      'cut off, found in Sent',
      { sentCopy: 'server', prior: sending, inSentFolder: ['offhours.abc@example.com'] },
      0,
      'earlier',
      'sent-folder',
      0,
    ],
    ['cut off, not in Sent: sends', { sentCopy: 'append', prior: sending }, 1, 'now', undefined, 1],
    [
      'cut off, no copy to look for: sends',
      { sentCopy: 'none', prior: sending },
      1,
      'now',
      undefined,
      0,
    ],
  ] as const)('%s', async (_name, options, sends, delivered, foundIn, appended) => {
    const h = harness(options);
    const outcome = await h.run();
    expect(outcome.delivered).toBe(delivered);
    expect(outcome.delivered === 'earlier' ? outcome.foundIn : undefined).toBe(foundIn);
    expect(h.sends).toHaveLength(sends);
    expect(h.appended).toHaveLength(appended);
    expect(h.records.get('reply:k1')?.state).toBe('sent');
  });

  it('sends the deterministic Message-ID and records it before the transaction', async () => {
    const h = harness({ sentCopy: 'append' });
    await h.run();
    expect(h.sends[0]).toMatch(/^Message-ID: <offhours\.abc@example\.com>\r?$/m);
    expect(h.ledger).toEqual(['offhours.abc@example.com']);
    expect(h.steps).toEqual(['before-send', 'after-accept', 'after-record']);
    // The copy filed is byte for byte what went out.
    expect(h.appended[0]).toBe(h.sends[0]);
  });

  it('never sends blind when the Sent folder cannot be searched', async () => {
    const h = harness({ sentCopy: 'server', prior: sending, sentFolderFails: true });
    await expect(h.run()).rejects.toThrow('IMAP down');
    expect(h.sends).toHaveLength(0);
    expect(h.records.get('reply:k1')?.state).toBe('sending');
  });

  it.each([
    ['a 451 answer', { responseCode: 451 }, 'SMTP_TRANSIENT', undefined, 1],
    ['a 550 answer', { responseCode: 550 }, 'SMTP_PERMANENT', undefined, 1],
    ['no connection', { code: 'ECONNECTION', command: 'CONN' }, 'SMTP_TRANSIENT', undefined, 1],
    // Lost mid-transaction: the server may have it, so the record stays and the caps keep it.
    [
      'connection lost after DATA',
      { code: 'ETIMEDOUT', command: 'DATA' },
      'SMTP_TRANSIENT',
      'sending',
      0,
    ],
  ] as const)('after %s', async (_name, send, code, recordLeft, released) => {
    const h = harness({ sentCopy: 'server', send });
    await expect(h.run()).rejects.toMatchObject({ code });
    expect(h.records.get('reply:k1')?.state).toBe(recordLeft);
    expect(h.released).toBe(released);
  });

  it('a Redis error after the 250 is DELIVERY_UNCONFIRMED, and the copy is still filed', async () => {
    const h = harness({ sentCopy: 'append', markSentFails: true });
    await expect(h.run()).rejects.toMatchObject({ code: 'DELIVERY_UNCONFIRMED' });
    expect(h.sends).toHaveLength(1);
    expect(h.appended).toHaveLength(1);
    // The record still says 'sending': the retry searches Sent and finds the copy.
    expect(h.records.get('reply:k1')?.state).toBe('sending');
    expect(h.released).toBe(0);
  });
});
