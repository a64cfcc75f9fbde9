/**
 * The fault suite's clients and clock. At `faultAt` (Wednesday 25 November 2026, 21:00 UTC)
 * Acme (UTC, 09:00-17:00, check-in 08:00) is out of hours: its mail is answered once per
 * sender and held, mail with "urgent" is forwarded to the backup on call and acknowledged.
 * West (Los Angeles, 13:00 there) is in hours: its mail is only marked handled. The next
 * check-in is 11 hours away, so no scheduled release runs unless a scenario moves the clock.
 */
export const faultAt = '2026-11-25T21:00:00Z';

export const outOfHoursDomain = 'acme.example';
export const inHoursDomain = 'west.example';
export const backupAddress = 'sam@studio.example';
export const assistantAddress = 'dana@studio.example';

export const acmeClient = (extra: readonly string[] = []): string =>
  [
    'name: Acme Corp',
    `match: { domains: [${outOfHoursDomain}] }`,
    'timezone: UTC',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: ["08:00"]',
    'emergency: { keywords: [urgent] }',
    ...extra,
    '',
  ].join('\n');

export const westClient = [
  'name: West Coast Co',
  `match: { domains: [${inHoursDomain}] }`,
  'timezone: America/Los_Angeles',
  'hours:',
  '  mon-fri: ["09:00-17:00"]',
  '',
].join('\n');

export const faultClients: Record<string, string> = { acme: acmeClient(), west: westClient };
