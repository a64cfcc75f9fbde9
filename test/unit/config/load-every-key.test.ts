import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import type { OffhoursConfig } from '../../../src/config/offhours-config.js';

/*
 * One config that sets every key to something other than its default, so each key is
 * proven to reach the loaded config (the example leaves many at their defaults).
 */
const globalFile = `
assistant:
  name: Dana Reyes
  addresses: [Dana@Studio.example, hello@studio.example]
  timezone: Europe/Paris
  authservIds: [MX.Studio.example, mx2.studio.example]
imap:
  host: imap.studio.example
  port: 1993
  secure: false
  user: dana-login
  pass: '\${IMAP_PASS}'
  mailbox: Clients/Incoming
  holdMailbox: Later
  sentMailbox: Outbox/Sent
  tls: { rejectUnauthorized: false, ca: ./certs/imap-ca.pem }
smtp:
  host: smtp.studio.example
  port: 2525
  secure: false
  user: dana-smtp
  pass: '\${SMTP_PASS}'
  from: Hello@Studio.example
  sentCopy: server
  tls: { rejectUnauthorized: true, ca: ./certs/smtp-ca.pem }
redis: { url: 'redis://10.0.0.5:6380/2', prefix: dana }
http: { port: 9464, host: 0.0.0.0, token: '\${OFFHOURS_HTTP_TOKEN}' }
limits: { perAddressPerHour: 2, globalPerMinute: 12 }
onCall:
  backups:
    - name: Sam Ortiz
      address: Sam@Studio.example
      timezone: Europe/Lisbon
      quietHours: { mon-fri: ['22:00-07:00'], sat-sun: ['00:00-24:00'] }
    - { name: Priya Shah, address: priya@studio.example, quietHours: { daily: ['23:30-06:00'] } }
  rotation: { every: day, startsAt: '2026-11-23T08:00', timezone: America/Chicago }
  overrides:
    - { from: '2026-12-21', to: '2026-12-22', backup: priya@studio.example }
  escalation: { after: 20m, finally: Dana.Home@Example.net }
clients: ./people
unknownSenders: acme
defaults:
  timezone: Asia/Tokyo
  hours: { daily: ['10:00-11:00'] }
  checkIns: ['07:15']
  daysOff: ['2026-01-01']
  emergency: { keywords: [fire], senders: [boss@acme.example], automated: true }
  autoReply:
    enabled: false
    subject: 'Re: {{subject}}'
    body: 'Away until {{resumeAt}}.'
    emergencyBody: 'Passed to {{backupName}}.'
    oncePer: 36h
    checkRecipient: false
    alwaysReplyTo: [Orders@Bücher.example, tools.acme.example]
    neverReplyTo: [robot@acme.example, xn--bcher-kva.example]
  replyWithin: 90m
  announce:
    enabled: true
    daysBefore: 5
    to: all
    recentWithin: 2w
    subject: 'Away {{away}}'
    body: 'Back {{resumeAt}}; {{backupName}} covers.'
`;

const acmeFile = `
name: Acme Corp
match: { addresses: [CEO@Acme.example, José@Bücher.Example], domains: [Acme.example, Straße.example] }
`;

const bloomFile = `
name: Bloom Florists
match: { domains: ['*'] }
timezone: Australia/Sydney
hours: { mon-fri: ['22:00-02:00'], sat: ['09:00-12:00'] }
checkIns: ['08:30']
daysOff: [{ yearly: '12-25' }, '2026-06-01..2026-06-02', { date: '2026-07-01', checkIns: ['11:00'] }]
emergency: { keywords: ['wedding today'], senders: [], automated: false }
autoReply: { enabled: true, oncePer: 1w, checkRecipient: true }
replyWithin: false
announce: { to: recent, subject: 'Heads-up: away {{away}}' }
`;

let dir: string;
let config: OffhoursConfig;
const client = (id: string) => {
  const found = config.clients.find((rules) => rules.id === id);
  if (found === undefined) throw new Error(`no client ${id}`);
  return found;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offhours-every-key-'));
  await mkdir(join(dir, 'people'));
  await writeFile(join(dir, 'offhours.yaml'), globalFile);
  await writeFile(join(dir, 'people', 'acme.yaml'), acmeFile);
  await writeFile(join(dir, 'people', 'bloom.yaml'), bloomFile);
  config = await loadConfig(join(dir, 'offhours.yaml'), {
    env: {
      IMAP_PASS: 'imap-secret',
      SMTP_PASS: 'smtp-secret',
      OFFHOURS_HTTP_TOKEN: 'status-page-token-1234',
    },
    now: new Date('2026-11-20T12:00:00Z'),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig with every key set', () => {
  it('reads the assistant, servers, Redis, HTTP and limits', () => {
    expect(config.assistant).toEqual({
      name: 'Dana Reyes',
      addresses: ['dana@studio.example', 'hello@studio.example'],
      timeZone: 'Europe/Paris',
      authservIds: ['mx.studio.example', 'mx2.studio.example'],
    });
    expect(config.imap).toEqual({
      host: 'imap.studio.example',
      port: 1993,
      secure: false,
      user: 'dana-login',
      auth: { type: 'password', pass: 'imap-secret' },
      mailbox: 'Clients/Incoming',
      holdMailbox: 'Later',
      sentMailbox: 'Outbox/Sent',
      tls: { rejectUnauthorized: false, ca: join(dir, 'certs', 'imap-ca.pem') },
    });
    expect(config.smtp).toEqual({
      host: 'smtp.studio.example',
      port: 2525,
      secure: false,
      user: 'dana-smtp',
      auth: { type: 'password', pass: 'smtp-secret' },
      from: 'hello@studio.example',
      sentCopy: 'server',
      tls: { rejectUnauthorized: true, ca: join(dir, 'certs', 'smtp-ca.pem') },
    });
    expect(config.redis).toEqual({ url: 'redis://10.0.0.5:6380/2', prefix: 'dana' });
    expect(config.http).toEqual({ port: 9464, host: '0.0.0.0', token: 'status-page-token-1234' });
    expect(config.limits).toEqual({ perAddressPerHour: 2, globalPerMinute: 12 });
    expect(config.unknownSenders).toBe('acme');
  });

  it('reads the on-call rotation, overrides, quiet hours and escalation', () => {
    const nights = { start: 22 * 60, end: 31 * 60 };
    const wholeDay = { start: 0, end: 24 * 60 };
    const early = { start: 23 * 60 + 30, end: 30 * 60 };
    expect(config.onCall).toEqual({
      backups: [
        { name: 'Sam Ortiz', address: 'sam@studio.example' },
        { name: 'Priya Shah', address: 'priya@studio.example' },
      ],
      rotation: { every: 'day', startsAt: '2026-11-23T08:00', timeZone: 'America/Chicago' },
      overrides: [{ from: '2026-12-21', to: '2026-12-22', backup: 'priya@studio.example' }],
      quietHours: {
        'sam@studio.example': {
          timeZone: 'Europe/Lisbon',
          hours: {
            1: [nights],
            2: [nights],
            3: [nights],
            4: [nights],
            5: [nights],
            6: [wholeDay],
            7: [wholeDay],
          },
        },
        'priya@studio.example': {
          timeZone: 'America/Chicago',
          hours: {
            1: [early],
            2: [early],
            3: [early],
            4: [early],
            5: [early],
            6: [early],
            7: [early],
          },
        },
      },
      escalation: { afterSeconds: 1200, finally: 'dana.home@example.net' },
    });
  });

  it('gives a client that sets nothing every default from offhours.yaml', () => {
    const acme = client('acme');
    expect(acme.match).toEqual({
      addresses: ['ceo@acme.example', 'josé@xn--bcher-kva.example'],
      domains: ['acme.example', 'xn--strae-oqa.example'],
    });
    expect(acme.schedule.timeZone).toBe('Asia/Tokyo');
    expect(acme.schedule.hours[1]).toEqual([{ start: 600, end: 660 }]);
    expect(acme.schedule.hours[7]).toEqual([{ start: 600, end: 660 }]);
    expect(acme.schedule.checkIns).toEqual([435]);
    expect(acme.schedule.daysOff).toEqual([
      { kind: 'dates', from: '2026-01-01', to: '2026-01-01', checkIns: [] },
    ]);
    expect(acme.emergency).toEqual({
      keywords: ['fire'],
      senders: ['boss@acme.example'],
      automated: true,
    });
    expect(acme.autoReply).toEqual({
      enabled: false,
      subject: 'Re: {{subject}}',
      body: 'Away until {{resumeAt}}.',
      emergencyBody: 'Passed to {{backupName}}.',
      oncePerSeconds: 36 * 3600,
      checkRecipient: false,
      alwaysReplyTo: ['orders@xn--bcher-kva.example', 'tools.acme.example'],
      neverReplyTo: ['robot@acme.example', 'xn--bcher-kva.example'],
    });
    expect(acme.replyWithinSeconds).toBe(90 * 60);
    expect(acme.announce).toEqual({
      daysBefore: 5,
      to: 'all',
      recentWithinSeconds: 14 * 86_400,
      subject: 'Away {{away}}',
      body: 'Back {{resumeAt}}; {{backupName}} covers.',
    });
  });

  it('lets a client override each default', () => {
    const bloom = client('bloom');
    expect(bloom.match.domains).toEqual(['*']);
    expect(bloom.schedule.timeZone).toBe('Australia/Sydney');
    expect(bloom.schedule.hours[5]).toEqual([{ start: 1320, end: 1560 }]);
    expect(bloom.schedule.hours[6]).toEqual([{ start: 540, end: 720 }]);
    expect(bloom.schedule.hours[7]).toBeUndefined();
    expect(bloom.schedule.checkIns).toEqual([510]);
    expect(bloom.schedule.daysOff).toEqual([
      { kind: 'yearly', monthDay: '12-25', checkIns: [] },
      { kind: 'dates', from: '2026-06-01', to: '2026-06-02', checkIns: [] },
      { kind: 'dates', from: '2026-07-01', to: '2026-07-01', checkIns: [660] },
    ]);
    expect(bloom.emergency).toEqual({ keywords: ['wedding today'], senders: [], automated: false });
    expect(bloom.autoReply).toMatchObject({
      enabled: true,
      subject: 'Re: {{subject}}',
      oncePerSeconds: 7 * 86_400,
      checkRecipient: true,
    });
    expect(bloom.replyWithinSeconds).toBeNull();
    // Inside announce each key is taken separately: the rest stays as defaults gave it.
    expect(bloom.announce).toEqual({
      daysBefore: 5,
      to: 'recent',
      recentWithinSeconds: 14 * 86_400,
      subject: 'Heads-up: away {{away}}',
      body: 'Back {{resumeAt}}; {{backupName}} covers.',
    });
  });
});
