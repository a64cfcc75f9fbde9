import type { Redis } from 'ioredis';

/**
 * The Message-IDs offhours itself sent from one mailbox (replies, forwards, and later
 * digests and announcements), each kept for a period. Triage asks it whether an incoming
 * message answers one of them: a client's "ok, thanks" to our auto-reply quotes our text
 * ("reply with URGENT..."), and that quote must never raise an emergency.
 */
export class SentMessageLedger {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.prefix = `${prefix}:sent-id:${mailboxId}`;
  }

  /** Records Message-IDs (without angle brackets) for `ttlSeconds`. */
  async record(messageIds: readonly string[], ttlSeconds: number): Promise<void> {
    if (messageIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of messageIds) pipeline.set(this.keyOf(id), '1', 'EX', ttlSeconds);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
  }

  /** Those of `messageIds` that offhours sent, in the order given. */
  async findSent(messageIds: readonly string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const found = await this.redis.mget(...messageIds.map((id) => this.keyOf(id)));
    return messageIds.filter((_, index) => found[index] !== null);
  }

  private keyOf(messageId: string): string {
    return `${this.prefix}:${messageId.toLowerCase()}`;
  }
}
