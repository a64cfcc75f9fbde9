import type { Action, Decision } from './decide.js';
import type { ReasonCode } from './reason-codes.js';

/** A decision as logs and `explain --json` state it: ids and addresses instead of objects. */
export interface DecisionSummary {
  readonly client: string | null;
  readonly available: boolean | null;
  readonly automated: boolean;
  readonly emergency: boolean;
  readonly actions: readonly Action[];
  readonly resumeAt: string | null;
  readonly backup: string | null;
  readonly reasons: readonly ReasonCode[];
}

export function summarizeDecision(decision: Decision): DecisionSummary {
  return {
    client: decision.client?.id ?? null,
    available: decision.available,
    automated: decision.automated,
    emergency: decision.emergency,
    actions: decision.actions,
    resumeAt: decision.resumeAt,
    backup: decision.backup?.address ?? null,
    reasons: decision.reasons,
  };
}
