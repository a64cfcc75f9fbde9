import { describe, expect, it } from 'vitest';
import type { DayOff } from '../../../src/schedule/client-schedule.js';
import {
  planAnnouncements,
  type Correspondent,
  type PlannedAnnouncement,
} from '../../../src/triage/plan-announcements.js';
import type { AnnounceRules, ClientRules } from '../../../src/triage/triage-config.js';
import { makeAcme, makeBloom, makeTriageConfig } from '../../support/make-config.js';
import { buildSchedule, dates, span, weekdaysNineToFive } from '../schedule/build-schedule.js';

const announce: AnnounceRules = {
  daysBefore: 3,
  to: 'recent',
  recentWithinSeconds: 30 * 86_400,
  subject: "I'm away {{away}}",
  body: 'Away {{away}}; back {{resumeAt}}.\n{{howToEscalate}}\n-- {{assistantName}} for {{clientName}}, to {{recipientAddress}}',
};

/** Northwind in London: weekdays 09:00-17:00, an 08:30 check-in; people write from northwind.example. */
function makeNorthwind(daysOff: DayOff[], overrides: Partial<ClientRules> = {}): ClientRules {
  return makeBloom({
    id: 'northwind',
    name: 'Northwind Traders',
    file: 'clients/northwind.yaml',
    match: { addresses: ['maya@northwind.example'], domains: ['northwind.example'] },
    schedule: buildSchedule({
      timeZone: 'Europe/London',
      hours: weekdaysNineToFive,
      checkIns: ['08:30'],
      daysOff,
    }),
    emergency: { keywords: ['urgent'], senders: [], automated: false },
    announce,
    ...overrides,
  });
}

const seen = (address: string, at: string): Correspondent => ({
  address,
  lastSeenAt: new Date(at),
});

function plan(
  clients: ClientRules[],
  now: string,
  correspondents: Record<string, Correspondent[]> = {},
  lookaheadDays = 0,
): PlannedAnnouncement[] {
  return planAnnouncements({
    config: makeTriageConfig({ clients }),
    now: new Date(now),
    correspondentsOf: (clientId) => correspondents[clientId] ?? [],
    lookaheadDays,
  });
}

const friday27 = [dates('2026-11-27', '2026-11-27')];

describe('planAnnouncements: when', () => {
  it.each<[name: string, ClientRules, now: string, dueAt: string | null, due: boolean]>([
    [
      'the first check-in of the local day daysBefore days ahead',
      makeNorthwind(friday27),
      '2026-11-24T08:29:00Z',
      '2026-11-24T08:30:00.000Z',
      false,
    ],
    [
      'due from then on',
      makeNorthwind(friday27),
      '2026-11-24T08:30:00Z',
      '2026-11-24T08:30:00.000Z',
      true,
    ],
    [
      'still due the evening before',
      makeNorthwind(friday27),
      '2026-11-26T23:59:00Z',
      '2026-11-24T08:30:00.000Z',
      true,
    ],
    [
      'not once the absence has begun',
      makeNorthwind(friday27),
      '2026-11-27T00:00:00Z',
      null,
      false,
    ],
    [
      'a due day on a weekend: the first working moment after it, before the absence',
      makeNorthwind([dates('2026-12-02', '2026-12-02')]),
      '2026-11-30T09:00:00Z',
      '2026-11-30T08:30:00.000Z',
      true,
    ],
    [
      'no work between the due day and the absence: the due day’s midnight',
      makeNorthwind([dates('2026-11-30', '2026-11-30')], {
        announce: { ...announce, daysBefore: 1 },
      }),
      '2026-11-29T10:00:00Z',
      '2026-11-29T00:00:00.000Z',
      true,
    ],
    [
      'an ICS timed absence: due three local days before its day',
      makeNorthwind([span('2026-12-03T13:00:00Z', '2026-12-03T17:00:00Z')]),
      '2026-11-30T12:00:00Z',
      '2026-11-30T08:30:00.000Z',
      true,
    ],
    // Daylight saving starts on Sunday 8 March 2026 in New York. A Tuesday off, daysBefore
    // 3: due on Saturday 7 March at 08:30 EST (13:30Z), though 72 hours before the absence
    // (Tuesday 00:00 EDT, 04:00Z) would be Friday evening in New York.
    [
      'New York across the DST change: three local days, not 72 hours',
      makeNorthwind([], {
        schedule: buildSchedule({
          timeZone: 'America/New_York',
          hours: { ...weekdaysNineToFive, 6: ['08:30-12:00'], 7: ['08:30-12:00'] },
          daysOff: [dates('2026-03-10', '2026-03-10')],
        }),
      }),
      '2026-03-07T13:30:00Z',
      '2026-03-07T13:30:00.000Z',
      true,
    ],
    [
      'and not a minute earlier',
      makeNorthwind([], {
        schedule: buildSchedule({
          timeZone: 'America/New_York',
          hours: { ...weekdaysNineToFive, 6: ['08:30-12:00'], 7: ['08:30-12:00'] },
          daysOff: [dates('2026-03-10', '2026-03-10')],
        }),
      }),
      '2026-03-07T13:29:00Z',
      '2026-03-07T13:30:00.000Z',
      false,
    ],
  ])('%s', (_name, client, now, dueAt, due) => {
    const planned = plan([client], now);
    expect(planned.map((entry) => entry.dueAt)).toEqual(dueAt === null ? [] : [dueAt]);
    expect(planned.map((entry) => entry.due)).toEqual(dueAt === null ? [] : [due]);
  });

  it('plans nothing for a client without announce, and looks further ahead only when asked', () => {
    const quiet = makeNorthwind(friday27, { announce: null });
    expect(plan([quiet], '2026-11-24T09:00:00Z')).toEqual([]);
    const later = makeNorthwind([dates('2026-12-04', '2026-12-04')]);
    expect(plan([later], '2026-11-24T09:00:00Z')).toEqual([]);
    expect(
      plan([later], '2026-11-24T09:00:00Z', {}, 14).map((entry) => [entry.dueAt, entry.due]),
    ).toEqual([['2026-12-01T08:30:00.000Z', false]]);
  });
});

describe('planAnnouncements: to whom', () => {
  const now = '2026-11-24T09:00:00Z';
  const known = [
    seen('jo@northwind.example', '2026-11-20T10:00:00Z'),
    seen('Maya@Northwind.example', '2026-11-23T10:00:00Z'),
    seen('old@northwind.example', '2026-10-01T10:00:00Z'),
    // Kept under Northwind by an older config; matches Acme now.
    seen('ceo@acme.example', '2026-11-23T10:00:00Z'),
    seen('dana@studio.example', '2026-11-23T10:00:00Z'),
    seen('sam@studio.example', '2026-11-23T10:00:00Z'),
    seen('blocked@northwind.example', '2026-11-23T10:00:00Z'),
  ];
  const northwind = (to: AnnounceRules['to']) =>
    makeNorthwind(friday27, {
      announce: { ...announce, to },
      autoReply: { ...makeBloom().autoReply, neverReplyTo: ['blocked@northwind.example'] },
    });

  it.each<[name: string, to: AnnounceRules['to'], recipients: string[]]>([
    [
      'recent: who wrote within recentWithin, as this client, never the VA, a backup or neverReplyTo',
      'recent',
      ['jo@northwind.example', 'maya@northwind.example'],
    ],
    [
      'all: match.addresses and every known correspondent of the client',
      'all',
      ['jo@northwind.example', 'maya@northwind.example', 'old@northwind.example'],
    ],
  ])('%s', (_name, to, recipients) => {
    const [planned] = plan([northwind(to), makeAcme()], now, { northwind: known });
    expect(planned?.messages.map((message) => message.to)).toEqual(recipients);
  });

  it('all, with nobody known yet: the addresses of match.addresses', () => {
    const [planned] = plan([northwind('all')], now);
    expect(planned?.messages.map((message) => message.to)).toEqual(['maya@northwind.example']);
  });

  it('recent, with nobody recent: an announcement with no messages', () => {
    const [planned] = plan([northwind('recent')], now, {
      northwind: [seen('old@northwind.example', '2026-10-01T10:00:00Z')],
    });
    expect(planned?.messages).toEqual([]);
  });
});

describe('planAnnouncements: what', () => {
  it('says when the VA is away, when mail is read again, and who covers', () => {
    const [planned] = plan([makeNorthwind(friday27)], '2026-11-24T09:00:00Z', {
      northwind: [seen('jo@northwind.example', '2026-11-23T10:00:00Z')],
    });
    expect(planned).toEqual({
      clientId: 'northwind',
      clientName: 'Northwind Traders',
      absenceStart: '2026-11-27T00:00:00.000Z',
      absenceEnd: '2026-11-28T00:00:00.000Z',
      dueAt: '2026-11-24T08:30:00.000Z',
      due: true,
      resumeAt: '2026-11-30T08:30:00.000Z',
      backup: { name: 'Sam Ortiz', address: 'sam@studio.example' },
      messages: [
        {
          to: 'jo@northwind.example',
          subject: "I'm away on Friday 27 November",
          body:
            'Away on Friday 27 November; back on Monday 30 November at 08:30.\n' +
            "If it can't wait, reply with URGENT at the top of your message and Sam Ortiz will pick it up.\n" +
            '-- Dana Reyes for Northwind Traders, to jo@northwind.example',
        },
      ],
    });
  });

  it('an ICS absence in New York: its hours on the client’s clock, the backup of its day', () => {
    const client = makeNorthwind([], {
      schedule: buildSchedule({
        timeZone: 'America/New_York',
        hours: weekdaysNineToFive,
        daysOff: [span('2026-12-01T14:00:00-05:00', '2026-12-01T16:00:00-05:00')],
      }),
    });
    const [planned] = plan([client], '2026-11-28T15:00:00Z', {
      northwind: [seen('jo@northwind.example', '2026-11-23T10:00:00Z')],
    });
    // Sam's week ends on Monday 30 November at 09:00 London: Priya covers that Tuesday.
    expect(planned?.backup?.name).toBe('Priya Shah');
    expect(planned?.messages[0]?.body).toBe(
      'Away on Tuesday 1 December from 14:00 to 16:00; back on Tuesday 1 December at 16:00.\n' +
        "If it can't wait, reply with URGENT at the top of your message and Priya Shah will pick it up.\n" +
        '-- Dana Reyes for Northwind Traders, to jo@northwind.example',
    );
  });

  it('tells only emergency.senders how to reach the backup (their line is dropped otherwise)', () => {
    const client = makeNorthwind(friday27, {
      emergency: { keywords: ['urgent'], senders: ['maya@northwind.example'], automated: false },
    });
    const [planned] = plan([client], '2026-11-24T09:00:00Z', {
      northwind: [
        seen('jo@northwind.example', '2026-11-23T10:00:00Z'),
        seen('maya@northwind.example', '2026-11-23T10:00:00Z'),
      ],
    });
    const bodies = Object.fromEntries(
      (planned?.messages ?? []).map((message) => [message.to, message.body]),
    );
    expect(bodies['maya@northwind.example']).toContain('reply with URGENT');
    expect(bodies['jo@northwind.example']).toBe(
      'Away on Friday 27 November; back on Monday 30 November at 08:30.\n' +
        '-- Dana Reyes for Northwind Traders, to jo@northwind.example',
    );
  });
});
