import { describe, expect, it } from 'vitest';
import {
  decide,
  type Action,
  type Decision,
  type PlannedReply,
} from '../../../src/triage/decide.js';
import type { MessageFacts } from '../../../src/triage/message-facts.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import type { TriageConfig } from '../../../src/triage/triage-config.js';
import { summarizeDecision } from '../../../src/triage/summarize-decision.js';
import { makeAcme, makeTriageConfig } from '../../support/make-config.js';
import { makeFacts } from './make-facts.js';

/*
 * Instants, all in late 2026 (New York is on EST, UTC-5; Sydney on AEDT, UTC+11):
 *   inHours         Wed 25 Nov 15:00 New York
 *   eveningBefore   Wed 25 Nov 19:00 New York, before Thanksgiving (off) and a Friday off
 *                   with an 11:00 check-in; Sam is on call
 *   fridayOff       Fri 27 Nov 15:00 New York, after that Friday's own check-in
 *   sunday          Sun 29 Nov 16:00 New York
 *   dentist         Fri 4 Dec 14:00 New York, inside a 13:00-15:00 absence
 *   overrideWeek    Tue 22 Dec 20:00 New York: Sam's turn, overridden to Priya
 *   bloomEvening    Thu 26 Nov 19:00 Sydney
 */
const inHours = '2026-11-25T20:00:00Z';
const eveningBefore = '2026-11-26T00:00:00Z';
const fridayOff = '2026-11-27T20:00:00Z';
const sunday = '2026-11-29T21:00:00Z';
const dentist = '2026-12-04T19:00:00Z';
const overrideWeek = '2026-12-23T01:00:00Z';
const bloomEvening = '2026-11-26T08:00:00Z';

const config = makeTriageConfig();
const defaulting = makeTriageConfig({ unknownSenders: 'acme' });
const noBackups = makeTriageConfig({
  onCall: { ...config.onCall, backups: [], overrides: [] },
});
const noOverrides = makeTriageConfig({ onCall: { ...config.onCall, overrides: [] } });
const withoutRecipientCheck = makeTriageConfig({
  clients: [makeAcme({ autoReply: { ...makeAcme().autoReply, checkRecipient: false } })],
});
const replyDisabled = makeTriageConfig({
  clients: [makeAcme({ autoReply: { ...makeAcme().autoReply, enabled: false } })],
});
const neverAvailable = makeTriageConfig({
  clients: [
    makeAcme({
      schedule: { timeZone: 'America/New_York', hours: {}, checkIns: [], daysOff: [] },
    }),
  ],
});

const ceo = { address: 'ceo@acme.example', name: 'Jordan Lee' };
const siteDown = { from: ceo, returnPath: ceo.address, subject: 'URGENT: site down' };
const team = [{ address: 'team@acme.example', name: 'Team' }];

interface Expected {
  readonly client: string | null;
  readonly available: boolean | null;
  readonly automated: boolean;
  readonly emergency: boolean;
  readonly actions: readonly Action[];
  readonly resumeAt: string | null;
  readonly backup: string | null;
  readonly reply: Pick<PlannedReply, 'kind' | 'to' | 'subject'> | null;
  readonly reasons: readonly ReasonCode[];
}

/**
 * The decision as the table states it: ids and addresses instead of whole objects. The kind
 * is left out: `available` and `actions` name it (null and none: ignore; true: leave).
 */
function summarize(decision: Decision): Expected {
  const { reasons, client, available, automated, emergency, actions, resumeAt, backup } =
    summarizeDecision(decision);
  const reply = replyOf(decision);
  return {
    client,
    available,
    automated,
    emergency,
    actions,
    resumeAt,
    backup,
    reply: reply === null ? null : { kind: reply.kind, to: reply.to, subject: reply.subject },
    reasons,
  };
}

function replyOf(decision: Decision): PlannedReply | null {
  return 'reply' in decision ? decision.reply : null;
}

const untouched = {
  actions: [],
  resumeAt: null,
  backup: null,
  reply: null,
} as const;

/** Olivia's plain request, replied to and held until Friday's 11:00 check-in. */
const repliedBeforeFriday: Expected = {
  client: 'acme',
  available: false,
  automated: false,
  emergency: false,
  actions: ['reply', 'hold'],
  resumeAt: '2026-11-27T16:00:00.000Z',
  backup: null,
  reply: {
    kind: 'out-of-hours',
    to: 'olivia.park@acme.example',
    subject: 'Auto: Q3 budget review',
  },
  reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_OUTSIDE_HOURS', 'ACTION_REPLY_AND_HOLD'],
};

const heldBeforeFriday = (reasons: ReasonCode[]): Expected => ({
  ...repliedBeforeFriday,
  actions: ['hold'],
  reply: null,
  reasons,
});

type Row = [
  name: string,
  facts: MessageFacts,
  config: TriageConfig,
  at: string,
  expected: Expected,
];

describe('decide: availability', () => {
  it.each<Row>([
    [
      'in hours: nothing to do',
      makeFacts(),
      config,
      inHours,
      {
        ...untouched,
        client: 'acme',
        available: true,
        automated: false,
        emergency: false,
        reasons: ['CLIENT_MATCHED_DOMAIN', 'AVAILABLE_IN_HOURS', 'ACTION_NONE'],
      },
    ],
    [
      'in hours an emergency is the VA’s own to handle',
      makeFacts(siteDown),
      config,
      inHours,
      {
        ...untouched,
        client: 'acme',
        available: true,
        automated: false,
        emergency: true,
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'AVAILABLE_IN_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_NONE',
        ],
      },
    ],
    ['out of hours: reply and hold', makeFacts(), config, eveningBefore, repliedBeforeFriday],
    [
      'a day off resumes at the next working day’s check-in',
      makeFacts(),
      config,
      fridayOff,
      {
        ...repliedBeforeFriday,
        resumeAt: '2026-11-28T13:30:00.000Z',
        reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_DAY_OFF', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
    [
      'Sunday resumes at Monday’s first check-in',
      makeFacts(),
      config,
      sunday,
      {
        ...repliedBeforeFriday,
        resumeAt: '2026-11-30T13:30:00.000Z',
        reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_NOT_WORKING_DAY', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
    [
      'an absence resumes when it ends',
      makeFacts(),
      config,
      dentist,
      {
        ...repliedBeforeFriday,
        resumeAt: '2026-12-04T20:00:00.000Z',
        reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_ABSENCE', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
    [
      'a client who is never available still gets a reply, with no resume time',
      makeFacts(),
      neverAvailable,
      eveningBefore,
      {
        ...repliedBeforeFriday,
        resumeAt: null,
        reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_NOT_WORKING_DAY', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
  ])('%s', (_name, facts, triageConfig, at, expected) => {
    expect(summarize(decide(facts, triageConfig, new Date(at)))).toEqual(expected);
  });
});

describe('decide: which client', () => {
  it.each<Row>([
    [
      'no sender',
      makeFacts({ from: null, returnPath: null }),
      config,
      eveningBefore,
      {
        ...untouched,
        client: null,
        available: null,
        automated: false,
        emergency: false,
        reasons: ['NO_SENDER', 'ACTION_NONE'],
      },
    ],
    [
      'unknown sender, unknownSenders: ignore',
      makeFacts({ from: { address: 'kim@gmail.example', name: 'Kim' }, returnPath: null }),
      config,
      eveningBefore,
      {
        ...untouched,
        client: null,
        available: null,
        automated: false,
        emergency: false,
        reasons: ['CLIENT_UNKNOWN_IGNORED', 'ACTION_NONE'],
      },
    ],
    [
      'unknown automated sender: the automation is still reported',
      makeFacts({
        from: { address: 'news@shop.example', name: 'Shop' },
        returnPath: null,
        headers: { 'list-id': ['<deals.shop.example>'] },
      }),
      config,
      eveningBefore,
      {
        ...untouched,
        client: null,
        available: null,
        automated: true,
        emergency: false,
        reasons: ['CLIENT_UNKNOWN_IGNORED', 'AUTO_LIST_HEADER', 'AUTO_ROLE_SENDER', 'ACTION_NONE'],
      },
    ],
    [
      'unknown sender, unknownSenders names a client: its rules apply',
      makeFacts({ from: { address: 'kim@gmail.example', name: 'Kim' }, returnPath: null }),
      defaulting,
      eveningBefore,
      {
        ...repliedBeforeFriday,
        reply: { kind: 'out-of-hours', to: 'kim@gmail.example', subject: 'Auto: Q3 budget review' },
        reasons: ['CLIENT_UNKNOWN_DEFAULTED', 'UNAVAILABLE_OUTSIDE_HOURS', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
  ])('%s', (_name, facts, triageConfig, at, expected) => {
    expect(summarize(decide(facts, triageConfig, new Date(at)))).toEqual(expected);
  });
});

describe('decide: automation and emergencies', () => {
  it.each<Row>([
    [
      'automated out of hours: hold silently',
      makeFacts({ headers: { 'auto-submitted': ['auto-generated'] } }),
      config,
      eveningBefore,
      {
        ...heldBeforeFriday([
          'CLIENT_MATCHED_DOMAIN',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'AUTO_SUBMITTED',
          'ACTION_HOLD',
        ]),
        automated: true,
      },
    ],
    [
      'emergency: forward to the backup on call and acknowledge, not held',
      makeFacts(siteDown),
      config,
      eveningBefore,
      {
        client: 'acme',
        available: false,
        automated: false,
        emergency: true,
        actions: ['forward', 'reply'],
        resumeAt: '2026-11-27T16:00:00.000Z',
        backup: 'sam@studio.example',
        reply: { kind: 'emergency', to: 'ceo@acme.example', subject: 'Auto: URGENT: site down' },
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
    [
      'emergency keyword from a sender who may not raise one: an ordinary reply',
      makeFacts({ subject: 'URGENT: site down' }),
      config,
      eveningBefore,
      {
        ...repliedBeforeFriday,
        reply: {
          kind: 'out-of-hours',
          to: 'olivia.park@acme.example',
          subject: 'Auto: URGENT: site down',
        },
        reasons: [
          'CLIENT_MATCHED_DOMAIN',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_SENDER_NOT_ALLOWED',
          'ACTION_REPLY_AND_HOLD',
        ],
      },
    ],
    [
      'emergency with no backups configured: reply and hold',
      makeFacts(siteDown),
      noBackups,
      eveningBefore,
      {
        ...repliedBeforeFriday,
        emergency: true,
        reply: { kind: 'out-of-hours', to: 'ceo@acme.example', subject: 'Auto: URGENT: site down' },
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'NO_BACKUP_ON_CALL',
          'ACTION_REPLY_AND_HOLD',
        ],
      },
    ],
    [
      'automated mail is no emergency by default: held',
      makeFacts({ ...siteDown, headers: { 'auto-submitted': ['auto-generated'] } }),
      config,
      eveningBefore,
      {
        ...heldBeforeFriday([
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'AUTO_SUBMITTED',
          'EMERGENCY_AUTOMATED_IGNORED',
          'ACTION_HOLD',
        ]),
        automated: true,
      },
    ],
    [
      'a bounce with emergency.automated: true is forwarded, never answered',
      makeFacts({
        from: { address: 'mailer-daemon@bloom.example', name: 'Mail Delivery System' },
        returnPath: '',
        subject: 'Undelivered Mail Returned to Sender',
        text: 'Order #88 (wedding today) could not be delivered to the courier.',
        contentType: 'multipart/report',
        contentTypeParams: { 'report-type': 'delivery-status' },
        headers: {
          'authentication-results': [
            'mx.studio.example; dkim=pass header.d=mx.bloom.example; spf=none smtp.mailfrom=<>',
          ],
        },
      }),
      config,
      bloomEvening,
      {
        client: 'bloom',
        available: false,
        automated: true,
        emergency: true,
        actions: ['forward'],
        resumeAt: '2026-11-26T19:45:00.000Z',
        backup: 'sam@studio.example',
        reply: null,
        reasons: [
          'CLIENT_MATCHED_DOMAIN',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'AUTO_NULL_RETURN_PATH',
          'AUTO_SYSTEM_SENDER',
          'AUTO_REPORT',
          'AUTO_NDR_SUBJECT',
          'EMERGENCY_AUTOMATED_ALLOWED',
          'EMERGENCY_KEYWORD',
          'ACTION_FORWARD',
        ],
      },
    ],
    [
      'the on-call override at `at` picks the backup',
      makeFacts(siteDown),
      config,
      overrideWeek,
      {
        client: 'acme',
        available: false,
        automated: false,
        emergency: true,
        actions: ['forward', 'reply'],
        resumeAt: '2026-12-23T13:30:00.000Z',
        backup: 'priya@studio.example',
        reply: { kind: 'emergency', to: 'ceo@acme.example', subject: 'Auto: URGENT: site down' },
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
    [
      'the same instant without the override: the rotation’s turn',
      makeFacts(siteDown),
      noOverrides,
      overrideWeek,
      {
        client: 'acme',
        available: false,
        automated: false,
        emergency: true,
        actions: ['forward', 'reply'],
        resumeAt: '2026-12-23T13:30:00.000Z',
        backup: 'sam@studio.example',
        reply: { kind: 'emergency', to: 'ceo@acme.example', subject: 'Auto: URGENT: site down' },
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_FORWARD_AND_REPLY',
        ],
      },
    ],
  ])('%s', (_name, facts, triageConfig, at, expected) => {
    expect(summarize(decide(facts, triageConfig, new Date(at)))).toEqual(expected);
  });
});

describe('decide: reply blockers drop the reply, keep the hold', () => {
  it.each<Row>([
    [
      'the sender is the VA (a +tag alias)',
      makeFacts({
        from: { address: 'dana+acme@studio.example', name: 'Dana Reyes' },
        returnPath: null,
      }),
      defaulting,
      eveningBefore,
      heldBeforeFriday([
        'CLIENT_UNKNOWN_DEFAULTED',
        'UNAVAILABLE_OUTSIDE_HOURS',
        'SENDER_IS_ASSISTANT',
        'ACTION_HOLD',
      ]),
    ],
    [
      'the sender is a backup',
      makeFacts({ from: { address: 'sam@studio.example', name: 'Sam Ortiz' }, returnPath: null }),
      defaulting,
      eveningBefore,
      heldBeforeFriday([
        'CLIENT_UNKNOWN_DEFAULTED',
        'UNAVAILABLE_OUTSIDE_HOURS',
        'SENDER_IS_BACKUP',
        'ACTION_HOLD',
      ]),
    ],
    [
      'the VA only in Bcc is still a recipient',
      makeFacts({ to: team, bcc: [{ address: 'hello@studio.example', name: '' }] }),
      config,
      eveningBefore,
      repliedBeforeFriday,
    ],
    [
      'the VA is no recipient at all',
      makeFacts({ to: team }),
      config,
      eveningBefore,
      heldBeforeFriday([
        'CLIENT_MATCHED_DOMAIN',
        'UNAVAILABLE_OUTSIDE_HOURS',
        'NOT_ADDRESSED_TO_ASSISTANT',
        'ACTION_HOLD',
      ]),
    ],
    [
      'the VA is no recipient, checkRecipient: false',
      makeFacts({ to: team }),
      withoutRecipientCheck,
      eveningBefore,
      repliedBeforeFriday,
    ],
    [
      'autoReply disabled',
      makeFacts(),
      replyDisabled,
      eveningBefore,
      heldBeforeFriday([
        'CLIENT_MATCHED_DOMAIN',
        'UNAVAILABLE_OUTSIDE_HOURS',
        'AUTO_REPLY_DISABLED',
        'ACTION_HOLD',
      ]),
    ],
    [
      'autoReply disabled: an emergency is still forwarded',
      makeFacts(siteDown),
      replyDisabled,
      eveningBefore,
      {
        ...repliedBeforeFriday,
        emergency: true,
        actions: ['forward'],
        backup: 'sam@studio.example',
        reply: null,
        reasons: [
          'CLIENT_MATCHED_ADDRESS',
          'UNAVAILABLE_OUTSIDE_HOURS',
          'EMERGENCY_KEYWORD',
          'AUTO_REPLY_DISABLED',
          'ACTION_FORWARD',
        ],
      },
    ],
  ])('%s', (_name, facts, triageConfig, at, expected) => {
    expect(summarize(decide(facts, triageConfig, new Date(at)))).toEqual(expected);
  });
});

describe('decide: where the reply goes and its subject', () => {
  it.each<[name: string, facts: MessageFacts, to: string, subject: string]>([
    [
      'Return-Path when present',
      makeFacts({ returnPath: 'olivia.replies@mail.acme.example' }),
      'olivia.replies@mail.acme.example',
      'Auto: Q3 budget review',
    ],
    [
      'From when there is no Return-Path',
      makeFacts({ returnPath: null }),
      'olivia.park@acme.example',
      'Auto: Q3 budget review',
    ],
    [
      'From when Return-Path is not a mailbox',
      makeFacts({ returnPath: 'olivia' }),
      'olivia.park@acme.example',
      'Auto: Q3 budget review',
    ],
    ['no subject', makeFacts({ subject: '' }), 'olivia.park@acme.example', 'Automated reply'],
    [
      'a subject of only line breaks counts as none',
      makeFacts({ subject: '\r\n\t' }),
      'olivia.park@acme.example',
      'Automated reply',
    ],
    [
      'CR/LF and a Bcc: injection are flattened',
      makeFacts({ subject: 'Invoice\r\nBcc: everyone@victim.example\r\n\r\nbuy now' }),
      'olivia.park@acme.example',
      'Auto: Invoice Bcc: everyone@victim.example buy now',
    ],
    [
      'a lone LF, NUL and Unicode line separators are flattened',
      makeFacts({ subject: 'a\nb\u2028c\u2029d\u0000e' }),
      'olivia.park@acme.example',
      'Auto: a b c d e',
    ],
  ])('%s', (_name, facts, to, subject) => {
    const reply = replyOf(decide(facts, config, new Date(eveningBefore)));
    expect(reply).toMatchObject({ to, subject });
    expect(reply?.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps a long subject under the header limit', () => {
    const reply = replyOf(
      decide(makeFacts({ subject: 'x'.repeat(5000) }), config, new Date(eveningBefore)),
    );
    expect(reply?.subject).toBe(`Auto: ${'x'.repeat(199)}…`);
  });
});

describe('decide: reply body', () => {
  it.each<
    [name: string, facts: MessageFacts, triageConfig: TriageConfig, at: string, body: string]
  >([
    [
      'resume time in words, days ahead, in the client’s zone',
      makeFacts(),
      config,
      eveningBefore,
      "Hi Olivia Park, I'm outside my hours for Acme Corp and will read your message on Friday 27 November at 11:00.\n" +
        'If it can’t wait, reply with URGENT and Sam Ortiz will pick it up.\n',
    ],
    [
      'tomorrow',
      makeFacts(),
      config,
      fridayOff,
      "Hi Olivia Park, I'm outside my hours for Acme Corp and will read your message tomorrow at 08:30.\n" +
        'If it can’t wait, reply with URGENT and Sam Ortiz will pick it up.\n',
    ],
    [
      'today, when an absence ends',
      makeFacts(),
      config,
      dentist,
      "Hi Olivia Park, I'm outside my hours for Acme Corp and will read your message today at 15:00.\n" +
        'If it can’t wait, reply with URGENT and Priya Shah will pick it up.\n',
    ],
    [
      'never available, no name, no backup',
      makeFacts({ from: { address: 'olivia.park@acme.example', name: '' } }),
      makeTriageConfig({ ...neverAvailable, onCall: noBackups.onCall }),
      eveningBefore,
      "Hi there, I'm outside my hours for Acme Corp and will read your message as soon as I can.\n" +
        'If it can’t wait, reply with URGENT and my backup will pick it up.\n',
    ],
    [
      'a hostile sender name is flattened',
      makeFacts({
        from: { address: 'olivia.park@acme.example', name: 'Eve\r\nBcc: x@evil.example' },
      }),
      config,
      fridayOff,
      "Hi Eve Bcc: x@evil.example, I'm outside my hours for Acme Corp and will read your message tomorrow at 08:30.\n" +
        'If it can’t wait, reply with URGENT and Sam Ortiz will pick it up.\n',
    ],
    [
      'the emergency acknowledgement names the backup on call',
      makeFacts(siteDown),
      config,
      overrideWeek,
      "Hi Jordan Lee, I'm away, so I've passed your message to Priya Shah <priya@studio.example>.\n",
    ],
  ])('%s', (_name, facts, triageConfig, at, body) => {
    expect(replyOf(decide(facts, triageConfig, new Date(at)))?.body).toBe(body);
  });
});

describe('decide: emergency keyword', () => {
  it.each<[name: string, facts: MessageFacts, keyword: string | null, emergency: boolean]>([
    ['allowed sender', makeFacts(siteDown), 'urgent', true],
    [
      'overruled: sender not allowed',
      makeFacts({ subject: 'site down again' }),
      'site down',
      false,
    ],
    ['none', makeFacts(), null, false],
  ])('%s', (_name, facts, keyword, emergency) => {
    const decision = decide(facts, config, new Date(eveningBefore));
    if (decision.kind === 'ignore') throw new Error('acme mail matched no client');
    expect([decision.emergencyKeyword, decision.emergency]).toEqual([keyword, emergency]);
  });
});
