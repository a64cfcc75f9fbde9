import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import {
  composeEmergencyForward,
  type EmergencyForwardSpec,
} from '../../../src/actions/compose-emergency-forward.js';
import { deriveEscalationToken } from '../../../src/mail/derive-escalation-token.js';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { decide } from '../../../src/triage/decide.js';
import { detectAutomation } from '../../../src/triage/detect-automation.js';
import { escalationTags } from '../../../src/triage/escalation-tags.js';
import { listAcknowledgementRefs } from '../../../src/triage/list-acknowledgement-refs.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import { recognizeAcknowledgement } from '../../../src/triage/recognize-acknowledgement.js';
import { makeTriageConfig } from '../../support/make-config.js';

/*
 * The forward's headers and the pure core's recognition agree: a plain Reply to the forward,
 * and the answer written through the forward's mailto link, are both found as referring to
 * the emergency and acknowledge it; the forward itself, landing in the watched mailbox, does
 * not. Composed with nodemailer and parsed with offhours' own parser, as in the daemon.
 */

const token = deriveEscalationToken('dana@imap.studio.example/INBOX', 'k-site-down');
const forwardId = 'offhours.0123456789abcdef@studio.example';
const evening = new Date('2026-11-26T00:00:00Z');
const dana = { name: 'Dana Reyes', address: 'dana@studio.example' };
const spec: EmergencyForwardSpec = {
  assistant: dana,
  to: { name: 'Sam Ortiz', address: 'sam@studio.example' },
  token,
  clientId: 'acme',
  clientName: 'Acme Corp',
  sender: { name: 'Jordan Lee', address: 'ceo@acme.example' },
  subject: 'URGENT: site down',
  originalMessageId: 'site-down@acme.example',
  step: 0,
  askedBefore: [],
  nextAfterSeconds: 900,
  source: Buffer.from('From: ceo@acme.example\r\nSubject: URGENT: site down\r\n\r\nHelp\r\n'),
};

async function build(
  overrides: Partial<EmergencyForwardSpec> = {},
): Promise<{ raw: string; facts: MessageFacts }> {
  const mail = composeEmergencyForward({ ...spec, ...overrides });
  const raw = await new MailComposer({ ...mail, messageId: `<${forwardId}>`, date: evening })
    .compile()
    .build();
  return { raw: raw.toString(), facts: (await parseMessage(raw)).facts };
}

/** A message as a person's mail program writes it. */
async function write(headers: Record<string, string>, body: string): Promise<MessageFacts> {
  const lines = [
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Date: ${evening.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ];
  return (await parseMessage(lines.join('\r\n'))).facts;
}

describe('composeEmergencyForward', () => {
  it('names the VA as From and Reply-To, only the backup as recipient, and tags the subject', async () => {
    const { facts, raw } = await build();
    expect(facts.from).toEqual({ name: 'Dana Reyes', address: 'dana@studio.example' });
    expect(facts.headers['reply-to']).toEqual(['Dana Reyes <dana@studio.example>']);
    expect(facts.to.map((person) => person.address)).toEqual(['sam@studio.example']);
    expect(facts.cc).toEqual([]);
    expect(facts.subject).toBe(`[Emergency #${token}] Acme Corp: URGENT: site down`);
    expect([...facts.subject.matchAll(escalationTags.subjectPattern)][0]?.[1]).toBe(token);
    expect(facts.headers['auto-submitted']).toEqual(['auto-generated']);
    expect(facts.headers['x-offhours']).toEqual(['forward; client=acme']);
    expect(raw).toContain('message/rfc822');
    expect(raw).toContain('text/html');
  });

  it("gives the client's address in the text and one mailto link that copies the VA", () => {
    const mail = composeEmergencyForward(spec);
    const text = mail.text;
    expect(text.split('\n')[2]).toContain('Jordan Lee <ceo@acme.example> (client: Acme Corp)');
    const link = /mailto:\S+/.exec(text)?.[0] ?? '';
    const url = new URL(link);
    expect(url.pathname).toBe('ceo@acme.example');
    expect(url.searchParams.get('cc')).toBe('dana@studio.example');
    expect(url.searchParams.get('subject')).toBe(`Re: URGENT: site down [Emergency #${token}]`);
    expect(url.searchParams.get('in-reply-to')).toBe('<site-down@acme.example>');
    expect(mail.html).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    expect(text).toContain('goes to the next person in 15 minutes');
  });

  it('a plain Reply (to Reply-To, Re: subject, In-Reply-To) refers to the forward and acknowledges it', async () => {
    const { facts: forward } = await build();
    const reply = await write(
      {
        From: 'Sam Ortiz <sam@studio.example>',
        To: forward.headers['reply-to']?.[0] ?? '',
        Subject: `Re: ${forward.subject}`,
        'Message-ID': '<sam-1@studio.example>',
        'In-Reply-To': `<${forwardId}>`,
        References: `<${forwardId}>`,
      },
      'Got it, on it now.\r\n\r\n> Hi Sam Ortiz,',
    );
    expect(listAcknowledgementRefs(reply)).toEqual({ messageIds: [forwardId], tokens: [token] });
    const decision = decide(reply, makeTriageConfig(), evening, {
      answersOffhoursMail: true,
      escalation: { token, sender: 'ceo@acme.example' },
    });
    expect(decision.reasons).toEqual(['ESCALATION_ACKNOWLEDGED', 'ACTION_NONE']);
  });

  it('the answer written through the mailto link names the token, and counts as the acknowledgement', async () => {
    const url = new URL(/mailto:\S+/.exec(composeEmergencyForward(spec).text)?.[0] ?? '');
    const answer = await write(
      {
        From: 'Sam Ortiz <sam@studio.example>',
        To: url.pathname,
        Cc: url.searchParams.get('cc') ?? '',
        Subject: url.searchParams.get('subject') ?? '',
        'Message-ID': '<sam-2@studio.example>',
        'In-Reply-To': url.searchParams.get('in-reply-to') ?? '',
      },
      'Hi Jordan, I am on it: the shop is back in ten minutes.',
    );
    expect(listAcknowledgementRefs(answer).tokens).toEqual([token]);
    expect(
      recognizeAcknowledgement(
        answer,
        { token, sender: 'ceo@acme.example' },
        detectAutomation(answer),
      ),
    ).toEqual({ acknowledged: true, reason: 'ESCALATION_ACKNOWLEDGED', by: 'sam@studio.example' });
  });

  it('the forward itself, landing in the watched mailbox, is no acknowledgement', async () => {
    const { facts } = await build();
    expect(
      recognizeAcknowledgement(
        facts,
        { token, sender: 'ceo@acme.example' },
        detectAutomation(facts),
      ),
    ).toEqual({ acknowledged: false, reason: 'ESCALATION_ACK_AUTOMATED' });
  });

  it('a later step says who had it first, and goes without the original when it is gone', async () => {
    const { facts, raw } = await build({
      to: { name: null, address: 'dana.reyes@personal.example' },
      step: 2,
      askedBefore: [
        { name: 'Sam Ortiz', address: 'sam@studio.example' },
        { name: 'Priya Shah', address: 'priya@studio.example' },
      ],
      nextAfterSeconds: null,
      source: null,
    });
    expect(facts.to.map((person) => person.address)).toEqual(['dana.reyes@personal.example']);
    expect(facts.headers['x-offhours']).toEqual(['escalation; client=acme']);
    expect(facts.text).toContain('Sam Ortiz and Priya Shah had it first and did not answer');
    expect(facts.text).toContain('not attached');
    expect(facts.text).not.toContain('goes to the next person');
    expect(raw).not.toContain('message/rfc822');
  });

  it('a sender without an address gets no link', () => {
    const text = composeEmergencyForward({ ...spec, sender: { name: null, address: '' } }).text;
    expect(text).toContain('A sender (client: Acme Corp)');
    expect(text).not.toContain('mailto:');
  });
});
