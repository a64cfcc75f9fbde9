import { chooseEscalationTarget, type EscalationTarget } from './choose-escalation-target.js';
import type { OnCallRules } from './client-schedule.js';
import { findEscalationDueAt, type EscalationDue } from './find-escalation-due-at.js';

export interface PlannedEscalation extends EscalationDue {
  /** Where the step would go at its due instant (quiet hours read then). */
  readonly target: EscalationTarget;
}

/**
 * The step after one that went out at `stepAt` to the last of `asked`: when it is due
 * (`escalation.after` later) and where it would go then. Null when escalation is off or
 * nobody would be left at that instant: the escalation ends with this step.
 */
export function planNextEscalation(
  onCall: OnCallRules,
  asked: readonly string[],
  stepAt: Date,
  now: Date,
): PlannedEscalation | null {
  const escalation = onCall.escalation ?? null;
  if (escalation === null) return null;
  const due = findEscalationDueAt(stepAt, escalation, now);
  const target = chooseEscalationTarget(onCall, asked, due.dueAt);
  return target === null ? null : { ...due, target };
}
