import type { Redis } from 'ioredis';

/**
 * What offhours knows of one outgoing message (a reply or a forward), by job: 'sending'
 * is written before the SMTP transaction starts and 'sent' once the server accepted it.
 * A job that finds its own 'sending' record was cut off (a crash, a lost connection)
 * somewhere between the two and must not send blind: it looks in the Sent folder first.
 */
export type DeliveryState =
  | { readonly state: 'sending'; readonly messageId: string; readonly at: string }
  | { readonly state: 'sent'; readonly messageId: string; readonly at: string };

export class DeliveryRecord {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
    /** How long a record is kept: longer than a job can keep retrying. */
    private readonly ttlSeconds = 14 * 24 * 3600,
  ) {
    this.prefix = `${prefix}:delivery:${mailboxId}`;
  }

  async read(jobId: string): Promise<DeliveryState | null> {
    const raw = await this.redis.get(this.keyOf(jobId));
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<DeliveryState>;
    if (
      (parsed.state === 'sending' || parsed.state === 'sent') &&
      typeof parsed.messageId === 'string'
    )
      return { state: parsed.state, messageId: parsed.messageId, at: String(parsed.at ?? '') };
    return null;
  }

  async markSending(jobId: string, messageId: string, at: Date): Promise<void> {
    await this.write(jobId, { state: 'sending', messageId, at: at.toISOString() });
  }

  async markSent(jobId: string, messageId: string, at: Date): Promise<void> {
    await this.write(jobId, { state: 'sent', messageId, at: at.toISOString() });
  }

  /** The server refused the message: nothing went out, so a retry may send at once. */
  async clear(jobId: string): Promise<void> {
    await this.redis.del(this.keyOf(jobId));
  }

  private async write(jobId: string, state: DeliveryState): Promise<void> {
    await this.redis.set(this.keyOf(jobId), JSON.stringify(state), 'EX', this.ttlSeconds);
  }

  private keyOf(jobId: string): string {
    return `${this.prefix}:${jobId}`;
  }
}
