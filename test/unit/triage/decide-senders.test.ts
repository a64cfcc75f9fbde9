import { describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../../src/triage/decide.js';
import { listActions } from '../../../src/triage/list-actions.js';
import { describeHowToEscalate } from '../../../src/triage/describe-how-to-escalate.js';
import { fillTemplate, type TemplateValues } from '../../../src/triage/fill-template.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import type { ClientRules } from '../../../src/triage/triage-config.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from './make-facts.js';

/** The parts of a decision these tests look at, whatever its kind. */
function view(decision: Decision) {
  return {
    emergency: decision.kind === 'ignore' ? false : decision.emergency,
    actions: listActions(decision),
    reply: 'reply' in decision ? decision.reply : null,
    reasons: decision.reasons,
  };
}

/* Wed 25 Nov 2026 19:00 New York: Acme is out of hours, Sam Ortiz is on call. */
const evening = new Date('2026-11-26T00:00:00Z');
const ceo = { address: 'ceo@acme.example', name: 'Jordan Lee' };
const defaultBody = [
  'Hi {{senderName}},',
  '',
  'Back {{resumeAt}}.',
  '',
  '{{howToEscalate}}',
  '',
  'Dana',
].join('\n');

function configWith(
  autoReply: Partial<ClientRules['autoReply']>,
  emergency: Partial<ClientRules['emergency']> = {},
) {
  const acme = makeAcme();
  return makeTriageConfig({
    clients: [
      makeAcme({
        autoReply: { ...acme.autoReply, body: defaultBody, ...autoReply },
        emergency: { ...acme.emergency, ...emergency },
      }),
    ],
  });
}

describe('decide: forged and verified emergency senders', () => {
  const config = configWith({});
  it('a listed From with a stranger’s Return-Path is answered at From, not paged', () => {
    const decision = view(
      decide(
        makeFacts({
          from: ceo,
          returnPath: 'mallory@stranger.example',
          subject: 'URGENT: wire money',
        }),
        config,
        evening,
      ),
    );
    expect(decision.emergency).toBe(false);
    expect(decision.actions).toEqual(['reply', 'hold']);
    expect(decision.reasons).toEqual(
      expect.arrayContaining<ReasonCode>(['EMERGENCY_SENDER_UNVERIFIED', 'REPLY_TO_FROM']),
    );
    expect(decision.reply?.to).toBe('ceo@acme.example');
    expect(decision.reply?.body).not.toContain('Sam Ortiz');
  });

  it('the same message with DKIM verified by our own server is forwarded', () => {
    const decision = view(
      decide(
        makeFacts({
          from: ceo,
          returnPath: 'srs0=ab12=xy=acme.example=ceo@forwarder.example',
          subject: 'URGENT: site down',
          headers: {
            'authentication-results': ['mx.studio.example; dkim=pass header.d=acme.example'],
          },
        }),
        config,
        evening,
      ),
    );
    expect(decision.actions).toEqual(['forward', 'reply']);
    expect(decision.reply?.to).toBe('ceo@acme.example');
  });

  it('a DKIM pass stamped by someone else’s server is not believed', () => {
    const decision = view(
      decide(
        makeFacts({
          from: ceo,
          returnPath: 'mallory@stranger.example',
          subject: 'URGENT: site down',
          headers: {
            'authentication-results': ['mx.stranger.example; dkim=pass header.d=acme.example'],
          },
        }),
        config,
        evening,
      ),
    );
    expect([decision.emergency, decision.reply?.to]).toEqual([false, 'ceo@acme.example']);
  });

  it('an aligned Return-Path gets the reply, as RFC 3834 asks', () => {
    const decision = view(
      decide(
        makeFacts({ from: ceo, returnPath: 'jordan@mail.acme.example', subject: 'URGENT' }),
        config,
        evening,
      ),
    );
    expect([decision.emergency, decision.reply?.to]).toEqual([true, 'jordan@mail.acme.example']);
    expect(decision.reasons).not.toContain('REPLY_TO_FROM');
  });
});

describe('decide: replies to offhours’ own mail', () => {
  const config = configWith({}, { senders: [] });
  const quoted = fillTemplate(defaultBody, {
    subject: 'Invoice',
    senderName: 'Jordan Lee',
    senderAddress: 'ceo@acme.example',
    clientName: 'Acme Corp',
    assistantName: 'Dana Reyes',
    resumeAt: 'tomorrow at 08:30',
    backupName: 'Sam Ortiz',
    backupAddress: 'sam@studio.example',
    howToEscalate: describeHowToEscalate({
      keywords: ['urgent'],
      senderCanRaise: true,
      backupName: 'Sam Ortiz',
    }),
  } satisfies TemplateValues);
  it.each<[text: string, answersOffhoursMail: boolean, emergency: boolean]>([
    [`Ok, thanks\n\nFrom: Dana Reyes\nSent: Wednesday\n${quoted}`, true, false],
    [`Ok, thanks\n\nFrom: Dana Reyes\nSent: Wednesday\n${quoted}`, false, true],
    [`URGENT: the server is down\n\n${quoted}`, true, true],
  ])('%j (answers our mail: %s) -> emergency %s', (text, answersOffhoursMail, emergency) => {
    const facts = makeFacts({
      from: ceo,
      returnPath: ceo.address,
      subject: 'RE: Auto: Invoice',
      text,
    });
    expect(view(decide(facts, config, evening, { answersOffhoursMail })).emergency).toBe(emergency);
  });
});

describe('decide: {{howToEscalate}} promises only what the rules do', () => {
  const escalate = 'reply with URGENT at the top of your message and Sam Ortiz will pick it up';
  it.each<
    [
      name: string,
      config: ReturnType<typeof configWith>,
      from: typeof ceo,
      returnPath: string,
      promised: string | null,
    ]
  >([
    ['a listed, verified sender', configWith({}), ceo, ceo.address, escalate],
    [
      'a sender not in emergency.senders',
      configWith({}),
      { address: 'olivia.park@acme.example', name: 'Olivia' },
      'olivia.park@acme.example',
      null,
    ],
    ['an unverified sender', configWith({}), ceo, 'mallory@stranger.example', null],
    ['anyone may raise one', configWith({}, { senders: [] }), ceo, ceo.address, escalate],
    [
      'urgent is not a keyword: the first one is named',
      configWith({}, { keywords: ['site down', 'emergency'] }),
      ceo,
      ceo.address,
      'reply with "site down" at the top of your message',
    ],
    ['no keywords at all', configWith({}, { keywords: [] }), ceo, ceo.address, null],
  ])('%s', (_name, config, from, returnPath, promised) => {
    const body = view(decide(makeFacts({ from, returnPath }), config, evening)).reply?.body ?? '';
    if (promised === null) {
      expect(body).not.toMatch(/reply with/i);
      expect(body).toBe(body.replace(/\n{3,}/g, '\n\n'));
    } else {
      expect(body).toContain(promised);
    }
  });
});

describe('decide: alwaysReplyTo and neverReplyTo', () => {
  const orders = { address: 'orders@acme.example', name: 'Acme Orders' };
  const noreply = { address: 'noreply@acme.example', name: '' };
  it.each<
    [
      name: string,
      facts: Parameters<typeof makeFacts>[0],
      lists: Partial<ClientRules['autoReply']>,
      actions: string[],
      added: ReasonCode[],
    ]
  >([
    [
      'a robot-looking sender the VA vouches for is answered',
      { from: noreply, returnPath: noreply.address },
      { alwaysReplyTo: ['noreply@acme.example'] },
      ['reply', 'hold'],
      ['AUTO_SYSTEM_SENDER', 'SENDER_ALWAYS_REPLY', 'ACTION_REPLY_AND_HOLD'],
    ],
    [
      'a whole domain vouched for',
      { from: noreply, returnPath: noreply.address },
      { alwaysReplyTo: ['acme.example'] },
      ['reply', 'hold'],
      ['SENDER_ALWAYS_REPLY'],
    ],
    [
      'a role sender (orders@) the VA vouches for is answered',
      { from: orders, returnPath: orders.address },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['reply', 'hold'],
      ['AUTO_ROLE_SENDER', 'SENDER_ALWAYS_REPLY', 'ACTION_REPLY_AND_HOLD'],
    ],
    [
      'the same role sender without the list is held',
      { from: orders, returnPath: orders.address },
      {},
      ['hold'],
      ['AUTO_ROLE_SENDER', 'ACTION_HOLD'],
    ],
    [
      'never over a spam verdict of the receiving server',
      { from: orders, returnPath: orders.address, headers: { 'x-spam-flag': ['YES'] } },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['SENDER_ALWAYS_REPLY', 'ACTION_HOLD'],
    ],
    [
      'never over Auto-Submitted',
      {
        from: orders,
        returnPath: orders.address,
        headers: { 'auto-submitted': ['auto-generated'] },
      },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['AUTO_SUBMITTED', 'SENDER_ALWAYS_REPLY', 'ACTION_HOLD'],
    ],
    [
      'never over a null Return-Path',
      { from: orders, returnPath: '' },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['AUTO_NULL_RETURN_PATH', 'ACTION_HOLD'],
    ],
    [
      'never over List-Id',
      { from: orders, returnPath: orders.address, headers: { 'list-id': ['<news.acme.example>'] } },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['AUTO_LIST_HEADER', 'ACTION_HOLD'],
    ],
    [
      'never over X-Offhours',
      { from: orders, returnPath: orders.address, headers: { 'x-offhours': ['reply'] } },
      { alwaysReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['AUTO_OFFHOURS_MARKER', 'ACTION_HOLD'],
    ],
    [
      'neverReplyTo silences a person',
      { from: orders, returnPath: orders.address },
      { neverReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['SENDER_NEVER_REPLY', 'ACTION_HOLD'],
    ],
    [
      'neverReplyTo matches the Return-Path too',
      { from: orders, returnPath: 'bounce@tool.example' },
      { neverReplyTo: ['tool.example'] },
      ['hold'],
      ['SENDER_NEVER_REPLY'],
    ],
    [
      'neverReplyTo wins over alwaysReplyTo',
      { from: orders, returnPath: orders.address },
      { alwaysReplyTo: ['acme.example'], neverReplyTo: ['orders@acme.example'] },
      ['hold'],
      ['SENDER_ALWAYS_REPLY', 'SENDER_NEVER_REPLY', 'ACTION_HOLD'],
    ],
  ])('%s', (_name, facts, lists, actions, added) => {
    const decision = view(decide(makeFacts(facts), configWith(lists), evening));
    expect(decision.actions).toEqual(actions);
    expect(decision.reasons).toEqual(expect.arrayContaining(added));
  });
});

describe('decide: IDN client domains', () => {
  it.each<[configured: string, sender: string]>([
    ['bücher.example', 'ceo@xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'ceo@bücher.example'],
    ['BÜCHER.example', 'José@Bücher.Example'],
  ])('match.domains %s matches %s', (domain, sender) => {
    const config = makeTriageConfig({
      clients: [makeAcme({ match: { addresses: [], domains: [domain] } })],
    });
    const decision = decide(makeFacts({ from: { address: sender, name: '' } }), config, evening);
    expect(decision.client?.id).toBe('acme');
  });
});
