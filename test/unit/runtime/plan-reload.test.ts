import { describe, expect, it } from 'vitest';
import { planReload, type RuntimeSettings } from '../../../src/runtime/plan-reload.js';

const base: RuntimeSettings = {
  imap: {
    host: 'imap.studio.example',
    port: 993,
    secure: true,
    user: 'dana@studio.example',
    auth: { type: 'password', pass: 'secret' },
    mailbox: 'INBOX',
    holdMailbox: 'Offhours/Held',
  },
  smtp: {
    host: 'smtp.studio.example',
    port: 465,
    secure: true,
    from: 'dana@studio.example',
    sentCopy: 'append',
  },
  redis: { url: 'redis://127.0.0.1:6379', prefix: 'offhours' },
  http: { host: '127.0.0.1', port: null, token: null },
  limits: { perAddressPerHour: 3, globalPerMinute: 30 },
};

const edit = (change: (config: RuntimeSettings) => Partial<RuntimeSettings>): RuntimeSettings => ({
  ...base,
  ...change(base),
});

describe('planReload', () => {
  it.each<[name: string, next: RuntimeSettings, expected: [string, string[]][]]>([
    ['nothing that restarts anything', base, []],
    [
      'perAddressPerHour is read per job',
      edit((c) => ({ limits: { ...c.limits, perAddressPerHour: 5 } })),
      [],
    ],
    [
      'holdMailbox is read per triage',
      edit((c) => ({ imap: { ...c.imap, holdMailbox: 'Later' } })),
      [],
    ],
    [
      'imap.mailbox: a new mailbox runtime',
      edit((c) => ({ imap: { ...c.imap, mailbox: 'Clients' } })),
      [['mailbox', ['imap.mailbox']]],
    ],
    [
      'imap.user: a new mailbox runtime',
      edit((c) => ({ imap: { ...c.imap, user: 'sam@studio.example' } })),
      [['mailbox', ['imap.user']]],
    ],
    [
      'imap.host: a new mailbox runtime',
      edit((c) => ({ imap: { ...c.imap, host: 'mail.example' } })),
      [['mailbox', ['imap.host']]],
    ],
    [
      'a new password: a reconnect',
      edit((c) => ({ imap: { ...c.imap, auth: { type: 'password', pass: 'new' } } })),
      [['imap-connection', ['imap.auth']]],
    ],
    [
      'imap TLS added: a reconnect',
      edit((c) => ({ imap: { ...c.imap, tls: { rejectUnauthorized: false } } })),
      [['imap-connection', ['imap.tls']]],
    ],
    [
      'port and TLS together',
      edit((c) => ({ imap: { ...c.imap, port: 143, secure: false } })),
      [['imap-connection', ['imap.port', 'imap.secure']]],
    ],
    [
      'a mailbox change includes the reconnect',
      edit((c) => ({
        imap: { ...c.imap, mailbox: 'Clients', auth: { type: 'password', pass: 'new' } },
      })),
      [['mailbox', ['imap.mailbox']]],
    ],
    [
      'smtp: a new transport',
      edit((c) => ({ smtp: { ...c.smtp, port: 587 } })),
      [['smtp', ['smtp']]],
    ],
    [
      'globalPerMinute: nothing, each job reads it',
      edit((c) => ({ limits: { ...c.limits, globalPerMinute: 10 } })),
      [],
    ],
    [
      'http.token: nothing, each request reads it',
      edit((c) => ({ http: { ...c.http, token: 'a-new-token-of-24-chars' } })),
      [],
    ],
    [
      'http.port: the health server',
      edit((c) => ({ http: { ...c.http, port: 9090 } })),
      [['http', ['http.port']]],
    ],
    [
      'redis.url: everything on Redis',
      edit((c) => ({ redis: { ...c.redis, url: 'redis://other:6379' } })),
      [['redis', ['redis.url']]],
    ],
    [
      'redis.prefix with mailbox, smtp and limits: Redis covers them',
      edit((c) => ({
        redis: { ...c.redis, prefix: 'va2' },
        imap: { ...c.imap, mailbox: 'Clients' },
        smtp: { ...c.smtp, host: 'smtp2.example' },
        limits: { ...c.limits, globalPerMinute: 10 },
      })),
      [['redis', ['redis.prefix']]],
    ],
    [
      'redis and http restart apart',
      edit((c) => ({ redis: { ...c.redis, prefix: 'va2' }, http: { ...c.http, host: '0.0.0.0' } })),
      [
        ['redis', ['redis.prefix']],
        ['http', ['http.host']],
      ],
    ],
    [
      'smtp and the limits, with the mailbox unchanged: only the transport',
      edit((c) => ({
        smtp: { ...c.smtp, host: 'smtp2.example' },
        limits: { ...c.limits, globalPerMinute: 10 },
      })),
      [['smtp', ['smtp']]],
    ],
  ])('%s', (_name, next, expected) => {
    expect(planReload(base, next).map((restart) => [restart.part, restart.keys])).toEqual(expected);
  });
});
