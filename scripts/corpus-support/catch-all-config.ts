import type { TriageConfig } from '../../src/triage/triage-config.js';

/**
 * One client that matches every sender, has no working hours (so every instant is outside
 * them), no emergency keywords, and replies without the recipient check: whatever keeps the
 * corpus from being replied to is then automation detection alone.
 */
export const catchAllConfig: TriageConfig = {
  assistant: { name: 'Dana', addresses: ['dana@va.example'], timeZone: 'UTC', authservIds: [] },
  onCall: {
    backups: [{ name: 'Sam', address: 'sam@va.example' }],
    rotation: { every: 'week', startsAt: '2026-11-23T09:00', timeZone: 'UTC' },
    overrides: [],
  },
  unknownSenders: 'ignore',
  clients: [
    {
      id: 'everyone',
      name: 'Everyone',
      file: 'clients/everyone.yaml',
      match: { addresses: [], domains: ['*'] },
      schedule: { timeZone: 'UTC', hours: {}, checkIns: [], daysOff: [] },
      emergency: { keywords: [], senders: [], automated: false },
      autoReply: {
        enabled: true,
        subject: 'Auto: {{subject}}',
        body: 'Hi {{senderName}}, I will read your message {{resumeAt}}.\n',
        emergencyBody: 'Hi {{senderName}}, I passed your message to {{backupName}}.\n',
        oncePerSeconds: 86_400,
        checkRecipient: false,
        alwaysReplyTo: [],
        neverReplyTo: [],
      },
      replyWithinSeconds: null,
      announce: null,
    },
  ],
};

/** Any instant will do (there are no hours); a fixed one keeps the reports comparable. */
export const corpusInstant = new Date('2026-12-02T03:00:00Z');
