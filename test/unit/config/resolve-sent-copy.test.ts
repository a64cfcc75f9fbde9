import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { copyExampleConfig, type ExampleConfig } from './copy-example-config.js';

const env = { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' };
const now = new Date('2026-11-20T12:00:00Z');

let config: ExampleConfig;
beforeEach(async () => {
  config = await copyExampleConfig();
});
afterEach(async () => {
  await config.remove();
});

describe('smtp.sentCopy', () => {
  it.each([
    ['a generic host: offhours appends', 'host: mail.studio.example', 'append'],
    ['Gmail keeps a copy', 'host: smtp.gmail.com', 'server'],
    ['Microsoft 365 keeps a copy', 'host: smtp.office365.com', 'server'],
    ['Outlook.com keeps a copy', 'host: smtp-mail.outlook.com', 'server'],
    ['a look-alike host is generic', 'host: smtp.gmail.com.example', 'append'],
    ['set explicitly: none', 'host: smtp.gmail.com\n  sentCopy: none', 'none'],
    ['set explicitly: append', 'host: smtp.office365.com\n  sentCopy: append', 'append'],
  ])('%s', async (_name, smtp, expected) => {
    await config.edit('offhours.yaml', 'host: smtp.studio.example', smtp);
    const loaded = await loadConfig(config.mainPath, { env, now });
    expect(loaded.smtp.sentCopy).toBe(expected);
  });

  it('rejects an unknown value, naming the key', async () => {
    await config.edit(
      'offhours.yaml',
      'host: smtp.studio.example',
      'host: smtp.studio.example\n  sentCopy: maybe',
    );
    await expect(loadConfig(config.mainPath, { env, now })).rejects.toThrow(/sentCopy/);
  });
});
