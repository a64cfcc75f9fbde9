import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { MessageFacts } from '../triage/message-facts.js';
import { parseMessageHeaders, type ParsedMessage } from './parse-message.js';
import type { ParseRequest, ParseResponse } from './parse-worker.js';

export interface BudgetedParse extends ParsedMessage {
  /** The body took longer than the budget: the facts come from the header section alone. */
  readonly slow: boolean;
}

export interface ParsePoolOptions {
  /** Longest a message may take, in milliseconds, before it is decided from its headers. */
  readonly budgetMs?: number;
  readonly workers?: number;
}

/**
 * Enough for any real message (the corpus's slowest takes a few milliseconds); a message that
 * needs more is hostile or broken, and must not hold up the mail behind it.
 */
export const defaultParseBudgetMs = 2000;
const defaultWorkers = 2;
/** A worker that parses a compressed bomb must not take the daemon's memory with it. */
const workerHeapMb = 256;
/**
 * A parse allocates little that lives: a small young generation keeps each worker's
 * resident memory ~20 MiB lower than V8's default (docs/performance.md) at no measurable
 * cost in parse time.
 */
const workerYoungGenerationMb = 4;

interface Pending {
  readonly source: Buffer;
  readonly resolve: (parsed: BudgetedParse) => void;
}

interface Slot {
  worker: Worker;
  busy: { id: number; pending: Pending; timer: NodeJS.Timeout } | null;
}

/**
 * Parses messages in worker threads, each within a time budget: a message over budget has
 * its worker ended (and replaced) and is decided from its header section alone, so one
 * message can never stall the others. Workers are unref'd: an idle pool keeps no process
 * alive.
 */
export class ParsePool {
  private readonly budgetMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ParsePoolOptions = {}) {
    this.budgetMs = options.budgetMs ?? defaultParseBudgetMs;
    const count = options.workers ?? defaultWorkers;
    for (let index = 0; index < count; index += 1) {
      const slot: Slot = { worker: this.spawn(), busy: null };
      this.listen(slot);
      this.slots.push(slot);
    }
  }

  parse(source: Buffer): Promise<BudgetedParse> {
    if (this.closed) return Promise.resolve(parseHeadersOnly(source, 'The parse pool is closed.'));
    return new Promise((resolve) => {
      this.queue.push({ source, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.resolve(parseHeadersOnly(pending.source, 'The parse pool closed.'));
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy !== null) continue;
      const pending = this.queue.shift();
      if (pending === undefined) return;
      const id = this.nextId++;
      const timer = setTimeout(() => this.giveUp(slot, 'slow'), this.budgetMs);
      slot.busy = { id, pending, timer };
      // IMAP sources are views on a larger shared buffer, which structured clone would copy
      // whole: the worker gets an exact copy, transferred rather than cloned. The pool keeps
      // the original for a headers-only answer when the worker fails.
      const copy = new Uint8Array(pending.source);
      slot.worker.postMessage({ id, source: copy } satisfies ParseRequest, [copy.buffer]);
    }
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (response: ParseResponse) => {
      const busy = slot.busy;
      if (worker !== slot.worker || busy === null || busy.id !== response.id) return;
      clearTimeout(busy.timer);
      slot.busy = null;
      busy.pending.resolve({
        facts: reviveFacts(response.facts),
        warnings: response.warnings,
        slow: false,
      });
      this.dispatch();
    });
    worker.on('error', (error) => {
      if (worker === slot.worker) this.giveUp(slot, 'failed', error.message);
    });
    worker.on('exit', () => {
      if (worker === slot.worker && !this.closed) this.giveUp(slot, 'failed');
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
  }

  /** Ends the worker of an over-budget or crashed parse and answers from the headers. */
  private giveUp(slot: Slot, why: 'slow' | 'failed', detail = 'the worker stopped'): void {
    const busy = slot.busy;
    slot.busy = null;
    const old = slot.worker;
    if (busy !== null) clearTimeout(busy.timer);
    if (!this.closed) {
      slot.worker = this.spawn();
      this.listen(slot);
    }
    void old.terminate();
    if (busy !== null) {
      const note =
        why === 'slow'
          ? `The body was not parsed within ${this.budgetMs} ms; decided from the headers alone.`
          : `The parser failed on the body (${detail}); decided from the headers alone.`;
      busy.pending.resolve({
        ...parseHeadersOnly(busy.pending.source, note),
        slow: why === 'slow',
      });
    }
    this.dispatch();
  }

  private spawn(): Worker {
    const worker = startWorker({
      resourceLimits: {
        maxOldGenerationSizeMb: workerHeapMb,
        maxYoungGenerationSizeMb: workerYoungGenerationMb,
      },
    });
    return worker;
  }
}

/**
 * From the built package the worker is plain JS. From the sources (tests run them) it is
 * TypeScript, which a worker can only load after registering tsx inside itself.
 */
const runsFromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(
  runsFromSource ? './parse-worker.ts' : './parse-worker.js',
  import.meta.url,
);

function startWorker(options: WorkerOptions): Worker {
  if (!runsFromSource) return new Worker(workerUrl, options);
  const loader = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(loader, { ...options, eval: true });
}

function parseHeadersOnly(source: Buffer, note: string): BudgetedParse {
  const parsed = parseMessageHeaders(source);
  return { facts: parsed.facts, warnings: [note, ...parsed.warnings], slow: false };
}

/** Structured clone drops the null prototype that keeps a `__proto__` header harmless. */
function reviveFacts(facts: MessageFacts): MessageFacts {
  const headers = Object.create(null) as Record<string, readonly string[]>;
  for (const [name, values] of Object.entries(facts.headers)) headers[name] = values;
  return { ...facts, headers };
}

let sharedPool: ParsePool | null = null;

/** Parses in the daemon's pool, started on first use (its workers keep no process alive). */
export function parseWithinBudget(source: Buffer): Promise<BudgetedParse> {
  sharedPool ??= new ParsePool();
  return sharedPool.parse(source);
}
