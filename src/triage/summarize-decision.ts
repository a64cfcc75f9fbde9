import type { Action, Decision, DecisionKind } from './decide.js';
import { listActions } from './list-actions.js';
import type { ReasonCode } from './reason-codes.js';

/** A decision as logs and `explain --json` state it: ids and addresses instead of objects. */
export interface DecisionSummary {
  readonly kind: DecisionKind;
  readonly client: string | null;
  /** null when no client applies: there are no hours to be inside or outside of. */
  readonly available: boolean | null;
  readonly automated: boolean;
  readonly emergency: boolean;
  readonly actions: readonly Action[];
  readonly resumeAt: string | null;
  readonly backup: string | null;
  readonly reasons: readonly ReasonCode[];
}

export function summarizeDecision(decision: Decision): DecisionSummary {
  const facts = summarizeKind(decision);
  return {
    kind: decision.kind,
    client: decision.client?.id ?? null,
    available: facts.available,
    automated: decision.automated,
    emergency: facts.emergency,
    actions: listActions(decision),
    resumeAt: facts.resumeAt,
    backup: facts.backup,
    reasons: decision.reasons,
  };
}

function summarizeKind(
  decision: Decision,
): Pick<DecisionSummary, 'available' | 'emergency' | 'resumeAt' | 'backup'> {
  switch (decision.kind) {
    case 'ignore':
      return { available: null, emergency: false, resumeAt: null, backup: null };
    case 'leave':
      return { available: true, emergency: decision.emergency, resumeAt: null, backup: null };
    case 'hold':
    case 'reply-and-hold':
      return {
        available: false,
        emergency: decision.emergency,
        resumeAt: decision.resumeAt,
        backup: null,
      };
    case 'forward':
    case 'forward-and-reply':
      return {
        available: false,
        emergency: decision.emergency,
        resumeAt: decision.resumeAt,
        backup: decision.backup.address,
      };
    default: {
      const unknown: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
    }
  }
}
