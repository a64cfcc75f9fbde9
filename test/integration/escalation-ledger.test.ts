import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscalationLedger, type EscalationStep } from '../../src/store/escalation-ledger.js';
import { cleanupPrefix } from '../support/cleanup-prefix.js';
import { useSharedRedis } from '../support/shared-redis.js';

/* The escalation of each forwarded emergency, against a real Redis. */

const { url, prefix } = useSharedRedis();
let redis: Redis;
let mailboxes = 0;

beforeAll(() => {
  redis = new Redis(url);
});
afterAll(async () => {
  await cleanupPrefix(url, prefix);
  await redis.quit();
});

const at = new Date('2026-11-25T22:00:00Z');
const emergency = { messageKey: 'k1', clientId: 'acme', sender: 'CEO@acme.example' };
const step = (to: string, messageId: string, kind: EscalationStep['kind'] = 'backup') => ({
  to,
  kind,
  messageId,
  at: at.toISOString(),
});
const first = step('sam@studio.example', 'offhours.f0@studio.example');
const second = step('priya@studio.example', 'offhours.f1@studio.example');

function newLedger(): EscalationLedger {
  mailboxes += 1;
  return new EscalationLedger(redis, prefix, `va${mailboxes}@imap.example/INBOX`);
}

describe('EscalationLedger', () => {
  it('opens once: a retry of the forward keeps step 0 as first recorded', async () => {
    const ledger = newLedger();
    expect(await ledger.open('0123456789', emergency, first)).toEqual(first);
    const retry = { ...first, at: '2026-11-25T22:05:00.000Z' };
    expect(await ledger.open('0123456789', emergency, retry)).toEqual(first);
    expect(await ledger.read('0123456789')).toEqual({
      token: '0123456789',
      messageKey: 'k1',
      clientId: 'acme',
      sender: 'ceo@acme.example',
      steps: [first],
      acknowledged: null,
      overAt: null,
    });
  });

  it('takes each step once, in turn; a retry of a step gets the target it took', async () => {
    const ledger = newLedger();
    await ledger.open('aaaaaaaaaa', emergency, first);
    expect(await ledger.claim('aaaaaaaaaa', 2, second, at)).toEqual({
      kind: 'out-of-turn',
      last: 0,
    });
    expect(await ledger.claim('aaaaaaaaaa', 1, second, at)).toEqual({
      kind: 'taken',
      step: second,
    });
    const other = step('dana@personal.example', 'offhours.x@studio.example', 'finally');
    expect(await ledger.claim('aaaaaaaaaa', 1, other, at)).toEqual({ kind: 'taken', step: second });
    expect((await ledger.read('aaaaaaaaaa'))?.steps).toEqual([first, second]);
    expect(await ledger.claim('bbbbbbbbbb', 1, second, at)).toEqual({ kind: 'unknown' });
  });

  it('ends when no target is left; a later step then finds it over', async () => {
    const ledger = newLedger();
    await ledger.open('cccccccccc', emergency, first);
    expect(await ledger.claim('cccccccccc', 1, null, at)).toEqual({ kind: 'over' });
    expect(await ledger.claim('cccccccccc', 1, second, at)).toEqual({ kind: 'over' });
    expect((await ledger.read('cccccccccc'))?.overAt).toBe(at.toISOString());
  });

  it('an acknowledgement stops every later step and keeps the first one who acknowledged', async () => {
    const ledger = newLedger();
    await ledger.open('dddddddddd', emergency, first);
    await ledger.claim('dddddddddd', 1, second, at);
    expect(await ledger.acknowledge('dddddddddd', 'priya@studio.example', at)).toEqual({
      kind: 'now',
      by: 'priya@studio.example',
      step: 1,
      messageKey: 'k1',
      clientId: 'acme',
    });
    expect(await ledger.acknowledge('dddddddddd', 'sam@studio.example', at)).toMatchObject({
      kind: 'earlier',
      by: 'priya@studio.example',
    });
    const third = step('dana@personal.example', 'offhours.f2@studio.example', 'finally');
    expect(await ledger.claim('dddddddddd', 2, third, at)).toEqual({ kind: 'acknowledged' });
    // Even a retry of a step taken before the acknowledgement no longer goes out.
    expect(await ledger.claim('dddddddddd', 1, second, at)).toEqual({ kind: 'acknowledged' });
    expect((await ledger.read('dddddddddd'))?.acknowledged).toEqual({
      by: 'priya@studio.example',
      at: at.toISOString(),
      step: 1,
    });
    expect(await ledger.acknowledge('eeeeeeeeee', 'x@y.example', at)).toEqual({
      kind: 'unknown',
    });
  });

  it("an acknowledgement racing a step: exactly one of them wins, and the step's fate follows", async () => {
    for (let round = 0; round < 20; round += 1) {
      const ledger = newLedger();
      await ledger.open('ffffffffff', emergency, first);
      const [claim] = await Promise.all([
        ledger.claim('ffffffffff', 1, second, at),
        ledger.acknowledge('ffffffffff', 'sam@studio.example', at),
      ]);
      const state = await ledger.read('ffffffffff');
      if (claim.kind === 'taken') expect(state?.acknowledged?.step).toBe(1);
      else {
        expect(claim.kind).toBe('acknowledged');
        expect(state?.acknowledged?.step).toBe(0);
        expect(state?.steps).toEqual([first]);
      }
    }
  });

  it('finds the emergency a message refers to by a forward Message-ID of any step, or by its token', async () => {
    const ledger = newLedger();
    const other = newLedger();
    await ledger.open('1111111111', emergency, first);
    await ledger.claim('1111111111', 1, second, at);
    const found = { token: '1111111111', sender: 'ceo@acme.example' };
    expect(
      await ledger.findRef({
        messageIds: ['x@y.example', 'OFFHOURS.F1@studio.example'],
        tokens: [],
      }),
    ).toEqual(found);
    expect(
      await ledger.findRef({ messageIds: ['offhours.f0@studio.example'], tokens: [] }),
    ).toEqual(found);
    expect(await ledger.findRef({ messageIds: [], tokens: ['1111111111'] })).toEqual(found);
    // A token offhours never recorded, or another mailbox's, names nothing.
    expect(await ledger.findRef({ messageIds: [], tokens: ['9999999999'] })).toBeNull();
    expect(
      await other.findRef({ messageIds: ['offhours.f0@studio.example'], tokens: ['1111111111'] }),
    ).toBeNull();
  });

  it('forgets an escalation after its period', async () => {
    const ledger = new EscalationLedger(redis, prefix, 'ttl@imap.example/INBOX', 1);
    await ledger.open('2222222222', emergency, first);
    const keys = await redis.keys(`${prefix}:escalation:ttl@imap.example/INBOX:*`);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
