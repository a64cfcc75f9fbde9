import { describe, expect, it } from 'vitest';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import {
  recognizeAcknowledgement,
  type AcknowledgementVerdict,
  type EscalationRef,
} from '../../../src/triage/recognize-acknowledgement.js';
import { makeFacts } from './make-facts.js';

const ref: EscalationRef = { token: '0123456789', sender: 'ceo@acme.example' };
const from = (address: string): MessageFacts =>
  makeFacts({ from: { address, name: '' }, returnPath: address });

describe('recognizeAcknowledgement', () => {
  it.each<
    [string, MessageFacts, EscalationRef | null, ReasonCode[], AcknowledgementVerdict | null]
  >([
    ['refers to no emergency', from('sam@studio.example'), null, [], null],
    [
      "the backup's reply",
      from('sam@studio.example'),
      ref,
      [],
      { acknowledged: true, reason: 'ESCALATION_ACKNOWLEDGED', by: 'sam@studio.example' },
    ],
    [
      'from another address of the backup',
      from('Sam.Ortiz@Phone.Example'),
      ref,
      [],
      { acknowledged: true, reason: 'ESCALATION_ACKNOWLEDGED', by: 'sam.ortiz@phone.example' },
    ],
    [
      'no From: the envelope sender says who',
      makeFacts({ from: null, returnPath: 'sam@studio.example' }),
      ref,
      [],
      { acknowledged: true, reason: 'ESCALATION_ACKNOWLEDGED', by: 'sam@studio.example' },
    ],
    [
      "the backup's out-of-office reply",
      from('sam@studio.example'),
      ref,
      ['AUTO_SUBMITTED'],
      { acknowledged: false, reason: 'ESCALATION_ACK_AUTOMATED' },
    ],
    [
      "offhours' own forward arriving in the watched mailbox",
      from('dana@studio.example'),
      ref,
      ['AUTO_OFFHOURS_MARKER'],
      { acknowledged: false, reason: 'ESCALATION_ACK_AUTOMATED' },
    ],
    [
      'the client, in any case',
      from('CEO@acme.example'),
      ref,
      [],
      { acknowledged: false, reason: 'ESCALATION_ACK_FROM_CLIENT' },
    ],
  ])('%s', (_name, facts, escalation, automation, expected) => {
    expect(recognizeAcknowledgement(facts, escalation, automation)).toEqual(expected);
  });
});
