import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';

const examples = join(import.meta.dirname, '..', '..', '..', 'config', 'examples');
const env = {
  GOOGLE_CLIENT_ID: 'google-client.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'google-secret',
  MICROSOFT_CLIENT_ID: '00000000-1111-2222-3333-444444444444',
};
const now = new Date('2026-11-20T12:00:00Z');

describe('the provider example configs', () => {
  it.each([
    ['offhours.google.yaml', 'google', 'https://oauth2.googleapis.com/token', 'smtp.gmail.com'],
    [
      'offhours.microsoft.yaml',
      'microsoft',
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
      'smtp.office365.com',
    ],
  ])(
    '%s loads, with SMTP on the IMAP account’s tokens',
    async (file, provider, tokenUrl, smtpHost) => {
      const config = await loadConfig(join(examples, file), { env, now });
      expect(config.imap.auth).toMatchObject({
        type: 'oauth2',
        account: { user: 'dana@studio.example', provider: { name: provider, tokenUrl } },
      });
      expect(config.smtp.host).toBe(smtpHost);
      expect(config.smtp.user).toBe('dana@studio.example');
      expect(config.smtp.auth).toBe(config.imap.auth);
    },
  );
});
