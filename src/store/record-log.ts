import type { Redis } from 'ioredis';
import {
  activityRecordSchema,
  messageFieldsSchema,
  type ActivityRecord,
  type MessageFields,
  type OutcomeInput,
  type StoredRecord,
} from '../records/activity-record.js';

export interface RecordRetention {
  /** How long records are kept, in seconds (`records.keepFor`). */
  readonly keepForSeconds: number;
  /** false: subjects are never stored (`records.subjects`). */
  readonly subjects: boolean;
}

export interface ListOptions {
  /** Only records at or after this instant. */
  readonly since?: Date;
  /** Only records before this instant. */
  readonly until?: Date;
  readonly clientId?: string;
  /** At most this many (the newest). Default: all within retention. */
  readonly limit?: number;
}

// The stream id follows the record's own instant (so `since` and the trim by age read the
// daemon's clock, which the demo's --at shifts), but never goes backwards: with several
// processes' clocks a step may be a few ms behind the last one, and then takes its place.
const appendScript = `
local ms = tonumber(ARGV[1])
local seq = 0
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #last > 0 then
  local lastMs, lastSeq = string.match(last[1][1], '^(%d+)-(%d+)$')
  lastMs = tonumber(lastMs)
  if lastMs >= ms then
    ms = lastMs
    seq = tonumber(lastSeq) + 1
  end
end
if KEYS[2] ~= '' then
  if not redis.call('SET', KEYS[2], ARGV[4], 'NX', 'EX', ARGV[5]) then return false end
end
return redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], string.format('%d-%d', ms, seq), 'r', ARGV[3])
`;

/**
 * The durable record of what offhours decided and did, per mailbox: one Redis stream
 * (`prefix:records:<mailboxId>`), trimmed by age on every append, plus a small key per
 * message holding its decision's fields so a later step (a reply sent hours later by
 * another worker) is recorded with the sender, subject and reasons without carrying them
 * in every job. See docs/records.md for why a stream.
 */
export class RecordLog {
  readonly key: string;
  private readonly messagePrefix: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly mailboxId: string,
    /** Read at every append, so a reload's new settings apply to the next record. */
    private readonly retention: RecordRetention | (() => RecordRetention),
  ) {
    this.key = `${prefix}:records:${mailboxId}`;
    this.messagePrefix = `${prefix}:record-message:${mailboxId}`;
  }

  /**
   * Appends one record as given. Returns its stream id. A record with `jobId: null` is a
   * message's decision: its fields are kept for later steps, and a second decision of the
   * same message (re-triaged after a crash or a UIDVALIDITY change) is not recorded again
   * (then the result is null).
   */
  async append(record: ActivityRecord): Promise<string | null> {
    const retention = typeof this.retention === 'function' ? this.retention() : this.retention;
    const parsed = activityRecordSchema.parse(record);
    const stored = retention.subjects ? parsed : withoutSubject(parsed);
    const ms = Date.parse(stored.at);
    const isDecision = stored.jobId === null;
    const fields: MessageFields = messageFieldsSchema.parse(stored);
    const id = await this.redis.eval(
      appendScript,
      2,
      this.key,
      isDecision ? this.messageKeyOf(stored.messageKey) : '',
      String(ms),
      String(Math.max(0, ms - retention.keepForSeconds * 1000)),
      JSON.stringify(stored),
      JSON.stringify(fields),
      String(retention.keepForSeconds),
    );
    return typeof id === 'string' ? id : null;
  }

  /** Appends a later step of a message, with the fields its decision recorded. */
  async appendOutcome(input: OutcomeInput): Promise<string | null> {
    const fields = await this.readMessage(input.messageKey);
    return this.append({
      at: input.at.toISOString(),
      ...(fields ?? {
        client: input.client ?? null,
        messageKey: input.messageKey,
        messageId: null,
        from: null,
        decision: 'unknown',
        reasons: [],
        automated: false,
        emergency: false,
      }),
      outcome: input.outcome,
      jobId: input.jobId,
    });
  }

  /** What the decision of a message recorded, or null when it is not (or no longer) kept. */
  async readMessage(messageKey: string): Promise<MessageFields | null> {
    const raw = await this.redis.get(this.messageKeyOf(messageKey));
    if (raw === null) return null;
    const parsed = messageFieldsSchema.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : null;
  }

  /** Records newest first. */
  async list(options: ListOptions = {}): Promise<StoredRecord[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const records: StoredRecord[] = [];
    if (limit <= 0) return records;
    const start = options.since === undefined ? '-' : String(options.since.getTime());
    let end = options.until === undefined ? '+' : `(${options.until.getTime()}-0`;
    const page = Math.min(1000, Number.isFinite(limit) ? Math.max(100, limit * 2) : 1000);
    for (;;) {
      const entries = await this.redis.xrevrange(this.key, end, start, 'COUNT', page);
      for (const [id, values] of entries) {
        const record = readEntry(id, values);
        if (record === null) continue;
        if (options.clientId !== undefined && record.client !== options.clientId) continue;
        records.push(record);
        if (records.length >= limit) return records;
      }
      const oldest = entries[entries.length - 1];
      if (entries.length < page || oldest === undefined) return records;
      end = `(${oldest[0]}`;
    }
  }

  /** Whether the stream still holds the record with this id. */
  async has(id: string): Promise<boolean> {
    return (await this.redis.xrange(this.key, id, id)).length > 0;
  }

  private messageKeyOf(messageKey: string): string {
    return `${this.messagePrefix}:${messageKey}`;
  }
}

function withoutSubject(record: ActivityRecord): ActivityRecord {
  const rest: ActivityRecord = { ...record };
  delete rest.subject;
  return rest;
}

function readEntry(id: string, values: string[]): StoredRecord | null {
  const index = values.indexOf('r');
  const raw = index >= 0 && index % 2 === 0 ? values[index + 1] : undefined;
  if (raw === undefined) return null;
  const parsed = activityRecordSchema.safeParse(safeJson(raw));
  return parsed.success ? { ...parsed.data, id } : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
