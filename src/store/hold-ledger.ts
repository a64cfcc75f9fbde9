import type { Redis } from 'ioredis';
import { z } from 'zod';

const heldEntrySchema = z.object({
  clientId: z.string(),
  resumeAt: z.string(),
  from: z.string(),
  subject: z.string(),
  heldAt: z.string(),
  /** UID in the watched mailbox when it was held: tells which mail came before an emergency. */
  uid: z.number().int().nonnegative().default(0),
});
export type HeldEntry = z.infer<typeof heldEntrySchema>;

/**
 * Which messages sit in the hold folder and until when, keyed by message key. Written
 * before a message is moved, so a crash between the two can only leave an entry for a
 * message that is still in the inbox, never a held message nobody will release.
 */
export class HoldLedger {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:held`;
  }

  async record(entries: ReadonlyMap<string, HeldEntry>): Promise<void> {
    if (entries.size === 0) return;
    const fields: string[] = [];
    for (const [messageKey, entry] of entries) fields.push(messageKey, JSON.stringify(entry));
    await this.redis.hset(this.key, ...fields);
  }

  async list(): Promise<Map<string, HeldEntry>> {
    const raw = await this.redis.hgetall(this.key);
    const entries = new Map<string, HeldEntry>();
    for (const [messageKey, json] of Object.entries(raw)) {
      const parsed = heldEntrySchema.safeParse(safeJson(json));
      if (parsed.success) entries.set(messageKey, parsed.data);
    }
    return entries;
  }

  async remove(messageKeys: readonly string[]): Promise<void> {
    if (messageKeys.length > 0) await this.redis.hdel(this.key, ...messageKeys);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
