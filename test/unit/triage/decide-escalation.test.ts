import { describe, expect, it } from 'vitest';
import { buildWeeklyHours } from '../../../src/config/build-weekly-hours.js';
import { decide } from '../../../src/triage/decide.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import type { EscalationRef } from '../../../src/triage/recognize-acknowledgement.js';
import { summarizeDecision } from '../../../src/triage/summarize-decision.js';
import type { TriageConfig } from '../../../src/triage/triage-config.js';
import { makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from './make-facts.js';

// Wed 25 Nov 2026 19:00 New York, midnight in London: Acme is out of hours, Sam is on call.
const evening = new Date('2026-11-26T00:00:00Z');
const escalation: EscalationRef = { token: '0123456789', sender: 'ceo@acme.example' };

const config = makeTriageConfig();
/** Every unmatched sender is Acme's: a backup's reply would be held as client mail. */
const defaulting = makeTriageConfig({ unknownSenders: 'acme' });
const londonNights = {
  timeZone: 'Europe/London',
  hours: buildWeeklyHours({ daily: ['22:00-07:00'] }),
};
const samAsleep = makeTriageConfig({
  onCall: { ...config.onCall, quietHours: { 'sam@studio.example': londonNights } },
});
const bothAsleep = makeTriageConfig({
  onCall: {
    ...config.onCall,
    quietHours: { 'sam@studio.example': londonNights, 'priya@studio.example': londonNights },
  },
});

const ceo = { address: 'ceo@acme.example', name: 'Jordan Lee' };
const sam = { address: 'sam@studio.example', name: 'Sam Ortiz' };
const siteDown = makeFacts({
  from: ceo,
  returnPath: ceo.address,
  subject: 'URGENT: site down',
  messageId: 'site-down@acme.example',
});
const samsReply = makeFacts({
  from: sam,
  returnPath: sam.address,
  to: [{ address: 'dana+emergency-0123456789@studio.example', name: 'Dana Reyes' }],
  subject: 'Re: [Emergency #0123456789] Acme Corp: URGENT: site down',
  text: 'Got it, on it now.',
  headers: { 'in-reply-to': ['<offhours.abc@studio.example>'] },
  messageId: 'sam-1@studio.example',
});
const samsOutOfOffice = makeFacts({
  ...samsReply,
  subject: 'Automatic reply: [Emergency #0123456789] Acme Corp: URGENT: site down',
  headers: { ...samsReply.headers, 'auto-submitted': ['auto-replied'] },
  messageId: 'sam-ooo@studio.example',
});
const ceoAgain = makeFacts({
  ...siteDown,
  subject: 'Re: [Emergency #0123456789] URGENT: site down',
  messageId: 'site-down-2@acme.example',
});

interface Expected {
  readonly kind: string;
  readonly client: string | null;
  readonly backup: string | null;
  readonly reasons: readonly ReasonCode[];
}

describe('decide: acknowledgements and quiet hours', () => {
  it.each<[string, MessageFacts, TriageConfig, EscalationRef | null, Expected]>([
    [
      "the backup's reply to the forward acknowledges it: not client mail, never answered",
      samsReply,
      defaulting,
      escalation,
      {
        kind: 'ignore',
        client: null,
        backup: null,
        reasons: ['ESCALATION_ACKNOWLEDGED', 'ACTION_NONE'],
      },
    ],
    [
      'the same reply when offhours has no emergency on record: held as mail of the default client',
      samsReply,
      defaulting,
      null,
      {
        kind: 'hold',
        client: 'acme',
        backup: null,
        reasons: [
          'CLIENT_UNKNOWN_DEFAULTED',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_SENDER_NOT_ALLOWED',
          'SENDER_IS_BACKUP',
          'ACTION_HOLD',
        ],
      },
    ],
    [
      "the backup's out-of-office reply is no acknowledgement",
      samsOutOfOffice,
      config,
      escalation,
      {
        kind: 'ignore',
        client: null,
        backup: null,
        reasons: [
          'ESCALATION_ACK_AUTOMATED',
          'CLIENT_UNKNOWN_IGNORED',
          'AUTO_SUBMITTED',
          'AUTO_REPLY_SUBJECT',
          'ACTION_NONE',
        ],
      },
    ],
    [
      'the client writing in the same thread is no acknowledgement: still an emergency',
      ceoAgain,
      config,
      escalation,
      {
        kind: 'forward-and-reply',
        client: 'acme',
        backup: 'sam@studio.example',
        reasons: [
          'ESCALATION_ACK_FROM_CLIENT',
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
    [
      'the backup on call is in quiet hours: the next one gets the emergency',
      siteDown,
      samAsleep,
      null,
      {
        kind: 'forward-and-reply',
        client: 'acme',
        backup: 'priya@studio.example',
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'BACKUP_IN_QUIET_HOURS',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
    [
      'every backup in quiet hours: the one on call still gets it',
      siteDown,
      bothAsleep,
      null,
      {
        kind: 'forward-and-reply',
        client: 'acme',
        backup: 'sam@studio.example',
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'BACKUPS_ALL_QUIET',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
  ])('%s', (_name, facts, triageConfig, ref, expected) => {
    const decision = decide(facts, triageConfig, evening, {
      answersOffhoursMail: false,
      escalation: ref,
    });
    const { kind, client, backup, reasons } = summarizeDecision(decision);
    expect({ kind, client, backup, reasons }).toEqual(expected);
  });

  it("names the backup who gets it in the client's acknowledgement", () => {
    const decision = decide(siteDown, samAsleep, evening);
    expect('reply' in decision ? decision.reply.body : null).toContain('Priya Shah');
  });
});
