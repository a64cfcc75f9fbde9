import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../../src/config/config-problem.js';
import { formatConfigProblem } from '../../../src/config/format-config-problems.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { isOffhoursError } from '../../../src/errors/offhours-error.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

const env = { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret', CLIENT_SECRET: 'cs-secret-1' };
const now = new Date('2026-11-20T12:00:00Z');
const imapPass = "  pass: '${IMAP_PASS}'\n  mailbox";
const smtpPass = "  pass: '${SMTP_PASS}'\nredis";

let config: ExampleConfig;
beforeEach(async () => {
  config = await copyExampleConfig();
});
afterEach(async () => {
  await config.remove();
});

async function editAuth(imap: string, smtp?: string): Promise<void> {
  await config.edit('offhours.yaml', imapPass, `${imap}\n  mailbox`);
  if (smtp !== undefined) await config.edit('offhours.yaml', smtpPass, `${smtp}\nredis`);
}

async function listProblems(): Promise<string[]> {
  const error: unknown = await loadConfig(config.mainPath, { env, now }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isOffhoursError(error)) throw new Error('expected the config to be refused');
  return (error.details['problems'] as ConfigProblem[]).map(formatConfigProblem);
}

describe('imap.auth and smtp.auth', () => {
  it('keeps imap.pass and smtp.pass working as password logins', async () => {
    const loaded = await loadConfig(config.mainPath, { env, now });
    expect(loaded.imap.auth).toEqual({ type: 'password', pass: 'imap-secret' });
    expect(loaded.smtp.auth).toEqual({ type: 'password', pass: 'smtp-secret' });
  });

  it('reads auth: { type: password }', async () => {
    await editAuth(
      "  auth: { type: password, pass: '${IMAP_PASS}' }",
      "  auth: { type: password, pass: '${SMTP_PASS}' }",
    );
    const loaded = await loadConfig(config.mainPath, { env, now });
    expect(loaded.imap.auth).toEqual({ type: 'password', pass: 'imap-secret' });
    expect(loaded.smtp.auth).toEqual({ type: 'password', pass: 'smtp-secret' });
  });

  it('gives SMTP the IMAP account itself when smtp.auth has no provider', async () => {
    await editAuth(
      '  auth: { type: oauth2, provider: microsoft, clientId: app-1, tenant: consumers }',
      '  auth: { type: oauth2 }',
    );
    const loaded = await loadConfig(config.mainPath, { env, now });
    expect(loaded.imap.auth.type).toBe('oauth2');
    expect(loaded.smtp.auth).toBe(loaded.imap.auth);
    if (loaded.imap.auth.type !== 'oauth2') return;
    expect(loaded.imap.auth.account).toMatchObject({
      user: 'dana@studio.example',
      clientId: 'app-1',
      provider: {
        name: 'microsoft',
        tokenUrl: 'https://login.microsoftonline.com/consumers/oauth2/v2.0/token',
      },
    });
  });

  it('makes one account id per provider, client and user, whatever the case of the user', async () => {
    await editAuth(
      '  auth: { type: oauth2, provider: google, clientId: app-1, clientSecret: "${CLIENT_SECRET}" }',
      '  auth: { type: oauth2, provider: google, clientId: app-1, clientSecret: "${CLIENT_SECRET}" }',
    );
    await config.edit(
      'offhours.yaml',
      'user: dana@studio.example\n  auth',
      'user: Dana@Studio.example\n  auth',
    );
    const loaded = await loadConfig(config.mainPath, { env, now });
    const ids = [loaded.imap.auth, loaded.smtp.auth].map((auth) =>
      auth?.type === 'oauth2' ? auth.account.id : null,
    );
    expect(ids[0]).toMatch(/^[0-9a-f]{24}$/);
    expect(ids[1]).toBe(ids[0]);
    if (loaded.imap.auth.type === 'oauth2')
      expect(loaded.imap.auth.account.clientSecret).toBe('cs-secret-1');
  });

  it('defaults smtp.user to imap.user for an oauth2 SMTP login', async () => {
    await editAuth(
      '  auth: { type: oauth2, provider: google, clientId: app-1 }',
      '  auth: { type: oauth2 }',
    );
    await config.edit(
      'offhours.yaml',
      '  user: dana@studio.example\n  auth: { type: oauth2 }',
      '  auth: { type: oauth2 }',
    );
    const loaded = await loadConfig(config.mainPath, { env, now });
    expect(loaded.smtp.user).toBe('dana@studio.example');
  });

  it.each([
    {
      name: 'both pass and auth',
      imap: "  pass: '${IMAP_PASS}'\n  auth: { type: password, pass: x }",
      expected: 'imap.pass: cannot be used with auth',
    },
    {
      name: 'neither pass nor auth',
      imap: '  # no password',
      expected: 'imap.pass: is required (or auth: { type: oauth2, ... })',
    },
    {
      name: 'a password login without its password',
      imap: '  auth: { type: password }',
      expected: 'imap.auth.pass: is required with type password',
    },
    {
      name: 'an oauth2 IMAP login without a provider',
      imap: '  auth: { type: oauth2, clientId: app-1 }',
      expected: 'imap.auth.provider: is required with type oauth2',
    },
    {
      name: 'a provider without a client id',
      imap: '  auth: { type: oauth2, provider: google }',
      expected: 'imap.auth.clientId: is required',
    },
    {
      name: 'a tenant for Google',
      imap: '  auth: { type: oauth2, provider: google, clientId: a, tenant: consumers }',
      expected: 'imap.auth.tenant: is only for provider microsoft',
    },
    {
      name: 'a token URL for Microsoft',
      imap: '  auth: { type: oauth2, provider: microsoft, clientId: a, tokenUrl: "https://x.example/t" }',
      expected: 'imap.auth.tokenUrl: is only for provider custom',
    },
    {
      name: 'a custom provider without endpoints and scopes',
      imap: '  auth: { type: oauth2, provider: custom, clientId: a }',
      expected: 'imap.auth.tokenUrl: is required with provider custom',
    },
    {
      name: 'a custom provider on plain http off this machine',
      imap: '  auth: { type: oauth2, provider: custom, clientId: a, tokenUrl: "http://auth.example/t", authorizationUrl: "https://auth.example/a", scopes: [mail] }',
      expected: 'must be https (plain http only on 127.0.0.1 or localhost)',
    },
    {
      name: 'a bad Microsoft tenant',
      imap: '  auth: { type: oauth2, provider: microsoft, clientId: a, tenant: "my tenant" }',
      expected: 'imap.auth.tenant: ',
    },
  ])('refuses $name', async ({ imap, expected }) => {
    await editAuth(imap);
    const problems = await listProblems();
    expect(problems).toContainEqual(expect.stringContaining(expected));
  });

  it('refuses to borrow the IMAP tokens for another SMTP user', async () => {
    await editAuth(
      '  auth: { type: oauth2, provider: google, clientId: app-1 }',
      '  auth: { type: oauth2 }',
    );
    await config.edit(
      'offhours.yaml',
      '  user: dana@studio.example\n  auth: { type: oauth2 }',
      '  user: other@studio.example\n  auth: { type: oauth2 }',
    );
    expect(await listProblems()).toEqual([
      expect.stringContaining(
        "smtp.user: differs from imap.user, so it cannot use the IMAP account's tokens",
      ),
    ]);
  });

  it('refuses to borrow IMAP tokens when IMAP logs in with a password', async () => {
    await config.edit('offhours.yaml', smtpPass, '  auth: { type: oauth2 }\nredis');
    expect(await listProblems()).toEqual([
      expect.stringContaining('smtp.auth.type: oauth2 without a provider uses the IMAP account'),
    ]);
  });

  it('never shows a client secret in a problem', async () => {
    await editAuth(
      '  auth: { type: oauth2, provider: google, clientId: app-1, clientSecret: [cs-secret-2] }',
    );
    const problems = await listProblems();
    expect(problems.join('\n')).toContain('imap.auth.clientSecret');
    expect(problems.join('\n')).not.toContain('cs-secret-2');
  });
});
