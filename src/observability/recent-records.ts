import type { StoredRecord } from '../records/activity-record.js';
import type { RecordLog } from '../store/record-log.js';

export interface RecentRecordsOptions {
  /** How far back the page looks. */
  readonly windowMs: number;
  /** At most this many, the newest. */
  readonly limit: number;
}

/**
 * The records of the last days for the status page, kept between its refreshes: the first
 * read takes the whole window from Redis, later ones only what was appended since the newest
 * record held (stream ids never go backwards, whichever process writes). When that record
 * is no longer in the stream (Redis emptied, another mailbox), everything is read again.
 */
export class RecentRecords {
  private key: string | null = null;
  private records: StoredRecord[] = [];

  constructor(private readonly options: RecentRecordsOptions) {}

  async read(log: RecordLog, now: Date): Promise<StoredRecord[]> {
    const since = now.getTime() - this.options.windowMs;
    const newest = this.records[0];
    if (log.key !== this.key || newest === undefined || !(await log.has(newest.id))) {
      this.records = await log.list({ since: new Date(since), limit: this.options.limit });
      this.key = log.key;
      return this.records;
    }
    const added = (await log.list({ since: new Date(readIdMs(newest.id)) })).filter(
      (record) => compareIds(record.id, newest.id) > 0,
    );
    this.records = [...added, ...this.records]
      .filter((record) => readIdMs(record.id) >= since)
      .slice(0, this.options.limit);
    return this.records;
  }
}

function readIdMs(id: string): number {
  return Number(id.split('-')[0]);
}

function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}
