import type { ClientDefaults } from './config-schema.js';

/** What a client gets for every key that neither its file nor `defaults` in offhours.yaml sets. */
export const defaultClientSettings = {
  checkIns: [],
  daysOff: [],
  emergency: { keywords: ['urgent', 'emergency'], senders: [], automated: false },
  autoReply: {
    enabled: true,
    subject: 'Auto: {{subject}}',
    body: [
      'Hi {{senderName}},',
      '',
      "Thanks for your message. I'm outside my working hours for {{clientName}} at the moment and will read it {{resumeAt}}.",
      '',
      '{{howToEscalate}}',
      '',
      'Best wishes,',
      '{{assistantName}}',
      '',
    ].join('\n'),
    emergencyBody: [
      'Hi {{senderName}},',
      '',
      "I'm away at the moment, so I've passed your message to {{backupName}}, who is covering for me and will be in touch soon.",
      '',
      'Best wishes,',
      '{{assistantName}}',
      '',
    ].join('\n'),
    oncePer: '4d',
    checkRecipient: true,
    alwaysReplyTo: [],
    neverReplyTo: [],
  },
} satisfies ClientDefaults;

/**
 * What an `announce` section gets for the keys it leaves out. Not part of the defaults
 * above: without an `announce` section anywhere, a client has no announcements.
 */
export const defaultAnnounceSettings = {
  enabled: true,
  daysBefore: 3,
  to: 'recent',
  recentWithin: '30d',
  subject: "I'm away {{away}}",
  body: [
    'Hello,',
    '',
    "A note ahead of time: I'm away {{away}}, so I won't be reading {{clientName}} mail then. I'll read it again {{resumeAt}}.",
    '',
    '{{howToEscalate}}',
    '',
    'Best wishes,',
    '{{assistantName}}',
    '',
  ].join('\n'),
} satisfies NonNullable<ClientDefaults['announce']>;
