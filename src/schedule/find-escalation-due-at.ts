import type { EscalationRules } from './client-schedule.js';
import { readInstant } from './read-instant.js';

export interface EscalationDue {
  /** When the next step is due: `escalation.after` after the step went out. */
  readonly dueAt: Date;
  /** How long from `now` until then; 0 when it is already due (a step that was late). */
  readonly delayMs: number;
}

/**
 * When the step after one sent at `stepAt` is due. `after` is a duration, not a wall time:
 * 15 minutes are 15 minutes also across a DST change.
 */
export function findEscalationDueAt(
  stepAt: Date,
  escalation: Pick<EscalationRules, 'afterSeconds'>,
  now: Date,
): EscalationDue {
  const dueMs = readInstant(stepAt) + escalation.afterSeconds * 1000;
  return { dueAt: new Date(dueMs), delayMs: Math.max(0, dueMs - readInstant(now)) };
}
