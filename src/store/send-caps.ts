import type { Redis } from 'ioredis';

export interface SendLimits {
  /** Automatic messages to one address per clock hour (the circuit breaker). */
  readonly perAddressPerHour: number;
  /** Automatic messages from the whole deployment per clock minute. */
  readonly globalPerMinute: number;
}

export type CapReservation =
  | {
      readonly ok: true;
      /** Gives the places back: the message was not sent after all. */
      readonly release: () => Promise<void>;
    }
  | { readonly ok: false; readonly cap: 'per-address' | 'global'; readonly retryAt: Date };

/**
 * The caps on automatic mail count messages that went out, not attempts: a place is
 * reserved atomically before sending and given back when the server refused the message
 * or a crashed attempt turns out to have sent it already. A message over a cap waits for
 * the next hour or minute; it is never dropped.
 */
export class SendCaps {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async reserve(to: string, limits: SendLimits, now: Date): Promise<CapReservation> {
    const hour = Math.floor(now.getTime() / 3_600_000);
    const minute = Math.floor(now.getTime() / 60_000);
    const addressKey = `${this.prefix}:rate:${to.toLowerCase()}:${hour}`;
    const globalKey = `${this.prefix}:sent-per-minute:${minute}`;
    const result = await this.redis.eval(
      `local perAddress = tonumber(redis.call('GET', KEYS[1]) or '0')
       if perAddress >= tonumber(ARGV[1]) then return 1 end
       local global = tonumber(redis.call('GET', KEYS[2]) or '0')
       if global >= tonumber(ARGV[2]) then return 2 end
       redis.call('INCR', KEYS[1])
       redis.call('EXPIRE', KEYS[1], 3700)
       redis.call('INCR', KEYS[2])
       redis.call('EXPIRE', KEYS[2], 120)
       return 0`,
      2,
      addressKey,
      globalKey,
      String(limits.perAddressPerHour),
      String(limits.globalPerMinute),
    );
    if (result === 1)
      return { ok: false, cap: 'per-address', retryAt: new Date((hour + 1) * 3_600_000) };
    if (result === 2) return { ok: false, cap: 'global', retryAt: new Date((minute + 1) * 60_000) };
    const release = async (): Promise<void> => {
      await this.redis.eval(
        `for _, key in ipairs(KEYS) do
           if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
         end
         return 0`,
        2,
        addressKey,
        globalKey,
      );
    };
    return { ok: true, release };
  }
}
