import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/triage/decide.js';
import { listActions } from '../../../src/triage/list-actions.js';
import { summarizeDecision } from '../../../src/triage/summarize-decision.js';
import { sam } from '../../support/make-config.js';

const matched = {
  client: { id: 'acme', name: 'Acme Corp' },
  automated: false,
  emergency: true,
  emergencyKeyword: 'urgent',
  reasons: [],
};
const reply = { kind: 'emergency', to: 'ceo@acme.example', subject: 'Auto: x', body: '' } as const;
const resumeAt = '2026-11-27T16:00:00.000Z';

describe('summarizeDecision and listActions', () => {
  it.each<
    [decision: Decision, available: boolean | null, actions: string[], backup: string | null]
  >([
    [{ kind: 'ignore', client: null, automated: true, reasons: [] }, null, [], null],
    [{ kind: 'leave', ...matched }, true, [], null],
    [{ kind: 'hold', ...matched, resumeAt }, false, ['hold'], null],
    [{ kind: 'reply-and-hold', ...matched, resumeAt, reply }, false, ['reply', 'hold'], null],
    [{ kind: 'forward', ...matched, resumeAt, backup: sam }, false, ['forward'], sam.address],
    [
      { kind: 'forward-and-reply', ...matched, resumeAt, backup: sam, reply },
      false,
      ['forward', 'reply'],
      sam.address,
    ],
  ])('%o', (decision, available, actions, backup) => {
    expect(listActions(decision)).toEqual(actions);
    const summary = summarizeDecision(decision);
    expect(summary).toMatchObject({ kind: decision.kind, available, actions, backup });
    expect(summary.client).toBe(decision.client?.id ?? null);
    expect(summary.resumeAt).toBe('resumeAt' in decision ? resumeAt : null);
    expect(summary.emergency).toBe(decision.kind !== 'ignore');
  });
});
