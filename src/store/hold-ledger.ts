import type { Redis } from 'ioredis';
import { z } from 'zod';
import { runFenced, type LeaseFence } from './run-fenced.js';

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
 * Which messages of one mailbox sit in its hold folder and until when, keyed by message
 * key. Written before a message is moved, so a crash between the two can only leave an
 * entry for a message that is still in the inbox, never a held message nobody will release.
 *
 * Versions before per-mailbox runtimes kept one hash for the whole prefix (`prefix:held`).
 * It is read as well until `adoptLegacy` moves its entries here, so held mail of an
 * existing deployment is neither stranded nor, missing its entry, released early.
 */
export class HoldLedger {
  private readonly key: string;
  private readonly legacyKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    mailboxId: string,
  ) {
    this.key = `${prefix}:held:${mailboxId}`;
    this.legacyKey = `${prefix}:held`;
  }

  /** Records entries; with a fence, only while this process still holds the mailbox lease. */
  async record(entries: ReadonlyMap<string, HeldEntry>, fence?: LeaseFence): Promise<void> {
    if (entries.size === 0) return;
    const fields: string[] = [];
    for (const [messageKey, entry] of entries) fields.push(messageKey, JSON.stringify(entry));
    if (fence === undefined) {
      await this.redis.hset(this.key, ...fields);
      return;
    }
    await runFenced(
      this.redis,
      fence,
      `return redis.call('HSET', KEYS[1], unpack(ARGV))`,
      [this.key],
      fields,
    );
  }

  async list(): Promise<Map<string, HeldEntry>> {
    const [legacy, own] = await Promise.all([
      this.redis.hgetall(this.legacyKey),
      this.redis.hgetall(this.key),
    ]);
    const entries = new Map<string, HeldEntry>();
    for (const [messageKey, json] of Object.entries({ ...legacy, ...own })) {
      const parsed = heldEntrySchema.safeParse(safeJson(json));
      if (parsed.success) entries.set(messageKey, parsed.data);
    }
    return entries;
  }

  async remove(messageKeys: readonly string[]): Promise<void> {
    if (messageKeys.length === 0) return;
    await Promise.all([
      this.redis.hdel(this.key, ...messageKeys),
      this.redis.hdel(this.legacyKey, ...messageKeys),
    ]);
  }

  /**
   * Moves the entries of the pre-runtime hash into this mailbox's (one script: atomic, and
   * a no-op once done). Returns how many moved. Only a deployment's single mailbox may adopt
   * them: that is where the held mail is.
   */
  async adoptLegacy(): Promise<number> {
    const moved = await this.redis.eval(
      `local fields = redis.call('HGETALL', KEYS[1])
       for i = 1, #fields, 2 do redis.call('HSETNX', KEYS[2], fields[i], fields[i + 1]) end
       redis.call('DEL', KEYS[1])
       return #fields / 2`,
      2,
      this.legacyKey,
      this.key,
    );
    return Number(moved);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
