import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AcknowledgementRefs } from '../triage/list-acknowledgement-refs.js';
import type { EscalationRef } from '../triage/recognize-acknowledgement.js';

/** One step of an escalation: the forward that went (or is going) to `to`. */
export interface EscalationStep {
  readonly to: string;
  /** `backup` for the backups (step 0 is the backup on call), `finally` for onCall.escalation.finally. */
  readonly kind: 'backup' | 'finally';
  /** The forward's Message-ID, without angle brackets: what a reply's In-Reply-To names. */
  readonly messageId: string;
  /** ISO instant the step was taken. */
  readonly at: string;
}

export interface EscalationState {
  readonly token: string;
  readonly messageKey: string;
  readonly clientId: string;
  /** Normalised address of the client whose emergency it is. */
  readonly sender: string;
  /** By step number: 0 is the first forward; a step is here once taken. */
  readonly steps: readonly EscalationStep[];
  readonly acknowledged: { readonly by: string; readonly at: string; readonly step: number } | null;
  /** Set when no target was left: no step follows. */
  readonly overAt: string | null;
}

/** What taking a step found. `taken` also answers a retry of the step: the same target again. */
export type StepClaim =
  | { readonly kind: 'taken'; readonly step: EscalationStep }
  | { readonly kind: 'acknowledged' }
  | { readonly kind: 'over' }
  | { readonly kind: 'unknown' }
  /** The previous step was never taken (a job from a state that was lost): nothing is done. */
  | { readonly kind: 'out-of-turn'; readonly last: number };

export type Acknowledgement =
  | {
      readonly kind: 'now' | 'earlier';
      readonly by: string;
      /** The last step taken when the acknowledgement was recorded. */
      readonly step: number;
      readonly messageKey: string;
      readonly clientId: string;
    }
  | { readonly kind: 'unknown' };

const stepSchema = z.object({
  to: z.string(),
  kind: z.enum(['backup', 'finally']),
  messageId: z.string(),
  at: z.string(),
});

// A step is taken only when the emergency is not acknowledged, not over, and the step before
// it was taken: checked and written in one script, so an acknowledgement recorded first
// (same script kind, same key) always stops it, and a retry gets the target it took before.
const claimScript = `
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'unknown'} end
if redis.call('HEXISTS', key, 'ackAt') == 1 then return {'acknowledged'} end
local mine = redis.call('HGET', key, 's' .. ARGV[1])
if mine then return {'taken', mine} end
if redis.call('HEXISTS', key, 'overAt') == 1 then return {'over'} end
local last = tonumber(redis.call('HGET', key, 'step'))
if last ~= tonumber(ARGV[1]) - 1 then return {'out-of-turn', tostring(last)} end
if ARGV[2] == '' then
  redis.call('HSET', key, 'overAt', ARGV[4])
  return {'over'}
end
redis.call('HSET', key, 'step', ARGV[1], 's' .. ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[3])
redis.call('EXPIRE', key, ARGV[3])
return {'taken', ARGV[2]}
`;

const openScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'messageKey', ARGV[1], 'clientId', ARGV[2], 'sender', ARGV[3],
    'step', '0', 's0', ARGV[4])
end
redis.call('SET', KEYS[2], ARGV[6], 'EX', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return redis.call('HGET', KEYS[1], 's0')
`;

const acknowledgeScript = `
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'unknown'} end
local fields = redis.call('HMGET', key, 'ackBy', 'ackStep', 'messageKey', 'clientId', 'step')
if fields[1] then return {'earlier', fields[1], fields[2], fields[3], fields[4]} end
redis.call('HSET', key, 'ackBy', ARGV[1], 'ackAt', ARGV[2], 'ackStep', fields[5])
return {'now', ARGV[1], fields[5], fields[3], fields[4]}
`;

/**
 * The escalation of each forwarded emergency of one mailbox, by token: who was asked at
 * each step, whether someone acknowledged it (and who), and whether it is over. A Redis
 * hash per emergency plus a key per forward's Message-ID naming its token, so a reply
 * that only keeps In-Reply-To is found too. Kept `keepSeconds` after the last step.
 */
export class EscalationLedger {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
    private readonly keepSeconds = 30 * 86_400,
  ) {
    this.prefix = `${prefix}:escalation:${mailboxId}`;
  }

  /**
   * Records an emergency's first forward (step 0) unless it is on record already (a retry
   * of the forward): written before the forward is sent, so the quickest reply finds it.
   * Returns step 0 as recorded.
   */
  async open(
    token: string,
    emergency: { readonly messageKey: string; readonly clientId: string; readonly sender: string },
    first: EscalationStep,
  ): Promise<EscalationStep> {
    const raw = await this.redis.eval(
      openScript,
      2,
      this.stateKey(token),
      this.refKey(first.messageId),
      emergency.messageKey,
      emergency.clientId,
      emergency.sender.toLowerCase(),
      JSON.stringify(first),
      String(this.keepSeconds),
      token,
    );
    return parseStep(raw) ?? first;
  }

  /**
   * Takes step `step` (1 and up) for `target`, or ends the escalation when `target` is null:
   * atomically, only when nobody acknowledged it and the step before was taken.
   */
  async claim(
    token: string,
    step: number,
    target: EscalationStep | null,
    at: Date,
  ): Promise<StepClaim> {
    const result = await this.redis.eval(
      claimScript,
      2,
      this.stateKey(token),
      target === null ? this.refKey('') : this.refKey(target.messageId),
      String(step),
      target === null ? '' : JSON.stringify(target),
      String(this.keepSeconds),
      at.toISOString(),
      token,
    );
    const [kind, value] = Array.isArray(result) ? (result as unknown[]) : [];
    switch (kind) {
      case 'taken': {
        const taken = parseStep(value);
        return taken === null ? { kind: 'unknown' } : { kind: 'taken', step: taken };
      }
      case 'acknowledged':
      case 'over':
        return { kind };
      case 'out-of-turn':
        return { kind: 'out-of-turn', last: Number(value) };
      default:
        return { kind: 'unknown' };
    }
  }

  /** Records that `by` took the emergency on; the first acknowledgement is the one kept. */
  async acknowledge(token: string, by: string, at: Date): Promise<Acknowledgement> {
    const result = await this.redis.eval(
      acknowledgeScript,
      1,
      this.stateKey(token),
      by,
      at.toISOString(),
    );
    const [kind, ackBy, step, messageKey, clientId] = Array.isArray(result)
      ? (result as unknown[]).map((value) => (typeof value === 'string' ? value : ''))
      : [];
    if (kind !== 'now' && kind !== 'earlier') return { kind: 'unknown' };
    return {
      kind,
      by: ackBy ?? '',
      step: Number(step ?? 0),
      messageKey: messageKey ?? '',
      clientId: clientId ?? '',
    };
  }

  async read(token: string): Promise<EscalationState | null> {
    const fields = await this.redis.hgetall(this.stateKey(token));
    if (fields['messageKey'] === undefined) return null;
    const last = Number(fields['step'] ?? 0);
    const steps: EscalationStep[] = [];
    for (let step = 0; step <= last; step += 1) {
      const parsed = parseStep(fields[`s${step}`]);
      if (parsed === null) break;
      steps.push(parsed);
    }
    const ackAt = fields['ackAt'];
    return {
      token,
      messageKey: fields['messageKey'],
      clientId: fields['clientId'] ?? '',
      sender: fields['sender'] ?? '',
      steps,
      acknowledged:
        ackAt === undefined
          ? null
          : { by: fields['ackBy'] ?? '', at: ackAt, step: Number(fields['ackStep'] ?? 0) },
      overAt: fields['overAt'] ?? null,
    };
  }

  /**
   * The emergency on record that a message refers to: a forward's Message-ID among those it
   * answers first, then a token from its subject or a +address. Null when none is known,
   * so a stranger writing "[Emergency #…]" names nothing.
   */
  async findRef(refs: AcknowledgementRefs): Promise<EscalationRef | null> {
    const byId =
      refs.messageIds.length === 0
        ? []
        : await this.redis.mget(...refs.messageIds.map((id) => this.refKey(id)));
    const tokens = [
      ...new Set([
        ...byId.filter((token): token is string => token !== null),
        ...refs.tokens.map((token) => token.toLowerCase()),
      ]),
    ];
    if (tokens.length === 0) return null;
    const pipeline = this.redis.pipeline();
    for (const token of tokens) pipeline.hget(this.stateKey(token), 'sender');
    const results = (await pipeline.exec()) ?? [];
    for (const [index, [error, sender]] of results.entries()) {
      if (error !== null) throw error;
      const token = tokens[index];
      if (typeof sender === 'string' && token !== undefined) return { token, sender };
    }
    return null;
  }

  private stateKey(token: string): string {
    return `${this.prefix}:${token.toLowerCase()}`;
  }

  private refKey(messageId: string): string {
    return `${this.prefix}:ref:${messageId.toLowerCase()}`;
  }
}

function parseStep(raw: unknown): EscalationStep | null {
  if (typeof raw !== 'string') return null;
  try {
    const parsed = stepSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
