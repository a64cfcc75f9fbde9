import type { OnCallRules } from '../../src/schedule/client-schedule.js';
import type { ClientRules, TriageConfig } from '../../src/triage/triage-config.js';
import { buildSchedule, dates, span, weekdaysNineToFive } from '../unit/schedule/build-schedule.js';

/*
 * The example config (config/offhours.example.yaml and its clients) as TriageConfig literals,
 * so core tests read like the shipped config without loading YAML. Tests override only the
 * field they are about.
 */

export const sam = { name: 'Sam Ortiz', address: 'sam@studio.example' };
export const priya = { name: 'Priya Shah', address: 'priya@studio.example' };

/** Weekly turns from Monday 23 November 2026 09:00 London: Sam, then Priya. */
export const exampleOnCall: OnCallRules = {
  backups: [sam, priya],
  rotation: { every: 'week', startsAt: '2026-11-23T09:00', timeZone: 'Europe/London' },
  overrides: [{ from: '2026-12-21', to: '2026-12-28', backup: 'priya@studio.example' }],
};

/**
 * Acme in New York: split weekday hours, Saturday morning, check-ins 08:30 and 16:30,
 * Thanksgiving off, a Friday off with an 11:00 check-in, a dentist absence on 4 December;
 * only the CEO raises emergencies.
 */
export function makeAcme(overrides: Partial<ClientRules> = {}): ClientRules {
  return {
    id: 'acme',
    name: 'Acme Corp',
    file: 'clients/acme.yaml',
    match: { addresses: ['ceo@acme.example'], domains: ['acme.example'] },
    schedule: buildSchedule({
      timeZone: 'America/New_York',
      hours: {
        1: ['09:00-12:30', '13:30-17:00'],
        2: ['09:00-12:30', '13:30-17:00'],
        3: ['09:00-12:30', '13:30-17:00'],
        4: ['09:00-12:30', '13:30-17:00'],
        5: ['09:00-12:30', '13:30-17:00'],
        6: ['10:00-12:00'],
      },
      checkIns: ['08:30', '16:30'],
      daysOff: [
        dates('2026-11-26', '2026-11-26'),
        dates('2026-11-27', '2026-11-27', ['11:00']),
        span('2026-12-04T13:00:00-05:00', '2026-12-04T15:00:00-05:00'),
      ],
    }),
    emergency: {
      keywords: ['urgent', 'emergency', 'site down'],
      senders: ['ceo@acme.example'],
      automated: false,
    },
    autoReply: {
      enabled: true,
      subject: 'Auto: {{subject}}',
      body:
        "Hi {{senderName}}, I'm outside my hours for {{clientName}} and will read your message {{resumeAt}}.\n" +
        'If it can’t wait, reply with URGENT and {{backupName}} will pick it up.\n',
      emergencyBody:
        "Hi {{senderName}}, I'm away, so I've passed your message to {{backupName}} <{{backupAddress}}>.\n",
      oncePerSeconds: 4 * 86_400,
      checkRecipient: true,
      alwaysReplyTo: [],
      neverReplyTo: [],
    },
    replyWithinSeconds: null,
    announce: null,
    ...overrides,
  };
}

/** Bloom in Sydney: early weekday hours, a 06:45 check-in; its order system's alerts can be emergencies. */
export function makeBloom(overrides: Partial<ClientRules> = {}): ClientRules {
  return {
    id: 'bloom',
    name: 'Bloom Florists',
    file: 'clients/bloom.yaml',
    match: { addresses: [], domains: ['bloom.example'] },
    schedule: buildSchedule({
      timeZone: 'Australia/Sydney',
      hours: weekdaysNineToFive,
      checkIns: ['06:45'],
    }),
    emergency: { keywords: ['urgent', 'wedding today'], senders: [], automated: true },
    autoReply: {
      enabled: true,
      subject: 'Auto: {{subject}}',
      body: 'Hi {{senderName}}, back {{resumeAt}}.\n',
      emergencyBody: 'Hi {{senderName}}, {{backupName}} has it.\n',
      oncePerSeconds: 86_400,
      checkRecipient: true,
      alwaysReplyTo: [],
      neverReplyTo: [],
    },
    replyWithinSeconds: null,
    announce: null,
    ...overrides,
  };
}

export function makeTriageConfig(overrides: Partial<TriageConfig> = {}): TriageConfig {
  return {
    assistant: {
      name: 'Dana Reyes',
      addresses: ['dana@studio.example', 'hello@studio.example'],
      timeZone: 'Europe/London',
      authservIds: ['mx.studio.example'],
    },
    onCall: exampleOnCall,
    unknownSenders: 'ignore',
    clients: [makeAcme(), makeBloom()],
    ...overrides,
  };
}
