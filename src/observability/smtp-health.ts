import { isOffhoursError } from '../errors/offhours-error.js';
import type { JobName } from '../queue/job-catalog.js';
import type { SmtpSnapshot } from '../status/status-snapshot.js';

/** The part of a finished job SmtpHealth reads. */
export interface SmtpJobEvent {
  readonly name: JobName;
  readonly outcome: 'completed' | 'failed';
  readonly job: { readonly returnvalue: unknown };
  readonly error?: unknown;
}

/**
 * What this process's workers last saw of the SMTP server, for the status page: when it
 * last accepted a reply or a forward, and the last attempt it failed (SMTP_TRANSIENT, which
 * is retried, or SMTP_PERMANENT). Fed from the workers' finished jobs; in memory only, the
 * records keep the failures for good.
 */
export class SmtpHealth {
  private lastSentAt: Date | null = null;
  private lastFailure: { at: Date; code: string; message: string } | null = null;

  constructor(private readonly now: () => Date) {}

  recordJobFinished(event: SmtpJobEvent): void {
    if (event.name === 'release') return;
    if (event.outcome === 'completed') {
      if (event.name === 'forward' || isSentReply(event.job.returnvalue))
        this.lastSentAt = this.now();
      return;
    }
    const error = event.error;
    const cause = isOffhoursError(error)
      ? error
      : error instanceof Error && isOffhoursError(error.cause)
        ? error.cause
        : null;
    if (cause === null || !cause.code.startsWith('SMTP_')) return;
    this.lastFailure = { at: this.now(), code: cause.code, message: cause.message };
  }

  read(): SmtpSnapshot {
    return {
      lastSentAt: this.lastSentAt?.toISOString() ?? null,
      lastFailure:
        this.lastFailure === null
          ? null
          : { ...this.lastFailure, at: this.lastFailure.at.toISOString() },
    };
  }
}

function isSentReply(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'sent') === true;
}
