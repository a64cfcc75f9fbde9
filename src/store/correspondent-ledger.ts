import type { Redis } from 'ioredis';
import type { Correspondent } from '../triage/plan-announcements.js';

/** Someone seen writing as a client's person, as the triage shell notes them. */
export interface SeenCorrespondent {
  readonly clientId: string;
  readonly address: string;
  readonly at: Date;
}

/** Who counts as known (`announce.to: all`): everyone seen within a year and a day. */
const keepMs = 366 * 86_400_000;
/** A client's set never grows past this many addresses; the longest unseen go first. */
const maxPerClient = 10_000;

/**
 * The people who wrote to one mailbox, per client, with when each was last seen: a Redis
 * sorted set per client (`prefix:correspondents:<mailbox id>:<client id>`, score: last
 * seen in ms). Written by the triage shell for person mail only, never robots; read by the
 * days-off announcements (`announce.to`). Entries older than a year and a day are dropped
 * on every write, and at most 10,000 addresses are kept per client.
 */
export class CorrespondentLedger {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.prefix = `${prefix}:correspondents:${mailboxId}`;
  }

  /** Notes each address as seen at its instant; an earlier instant never moves one back. */
  async note(seen: readonly SeenCorrespondent[]): Promise<void> {
    if (seen.length === 0) return;
    const byClient = new Map<string, SeenCorrespondent[]>();
    for (const entry of seen)
      byClient.set(entry.clientId, [...(byClient.get(entry.clientId) ?? []), entry]);
    const pipeline = this.redis.pipeline();
    for (const [clientId, entries] of byClient) {
      const key = this.keyOf(clientId);
      const latest = Math.max(...entries.map((entry) => entry.at.getTime()));
      pipeline.zadd(key, 'GT', ...entries.flatMap((entry) => [entry.at.getTime(), entry.address]));
      pipeline.zremrangebyscore(key, '-inf', `(${latest - keepMs}`);
      pipeline.zremrangebyrank(key, 0, -maxPerClient - 1);
      pipeline.pexpire(key, keepMs);
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  }

  /** Everyone kept for a client, most recently seen first. */
  async list(clientId: string): Promise<Correspondent[]> {
    const flat = await this.redis.zrevrange(this.keyOf(clientId), 0, -1, 'WITHSCORES');
    const correspondents: Correspondent[] = [];
    for (let index = 0; index + 1 < flat.length; index += 2)
      correspondents.push({
        address: flat[index] ?? '',
        lastSeenAt: new Date(Number(flat[index + 1])),
      });
    return correspondents;
  }

  private keyOf(clientId: string): string {
    return `${this.prefix}:${clientId}`;
  }
}
