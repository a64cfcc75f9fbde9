/**
 * The benchmark's clients and clock. At `benchAt` (a Wednesday, 20:00 UTC) Acme, in UTC, is
 * out of hours, so its mail gets a reply and is held; West, in Los Angeles (noon there), is
 * in hours, so its mail is only marked handled. No check-in falls within the run, so no
 * release job competes with the measured work.
 */
export const benchAt = '2026-11-25T20:00:00Z';

export const outOfHoursDomain = 'acme.example';
export const inHoursDomain = 'west.example';

export const benchClients: Record<string, string> = {
  acme: [
    'name: Acme Corp',
    `match: { domains: [${outOfHoursDomain}] }`,
    'timezone: UTC',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: ["08:30"]',
    'emergency: { keywords: [urgent, "site down"] }',
    '',
  ].join('\n'),
  west: [
    'name: West Coast Co',
    `match: { domains: [${inHoursDomain}] }`,
    'timezone: America/Los_Angeles',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    '',
  ].join('\n'),
};
