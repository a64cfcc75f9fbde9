import { DateTime, IANAZone } from 'luxon';
import * as z from 'zod';
import {
  announcementPlaceholders,
  findUnknownPlaceholders,
  templatePlaceholders,
} from '../triage/fill-template.js';
import { normalizeDomain } from '../triage/normalize-address.js';
import { checkFeedUrl, isFeedUrl, isLoopbackUrl } from './check-feed-url.js';
import { isLoopbackHost } from './is-loopback-host.js';
import { isCalendarDate, parseDateRange } from './parse-date-range.js';
import { nameWeekday, parseDayKey } from './parse-day-key.js';
import { parseDuration } from './parse-duration.js';
import { parseWallInterval } from './parse-wall-interval.js';
import { parseWallTime } from './parse-wall-time.js';

/*
 * The raw shapes of offhours.yaml and of one client file, as a VA writes them. Values are
 * checked here; turning them into minutes, seconds and DayOff entries happens in the loader.
 * No transforms and no defaults on client settings: a client's missing key must fall back to
 * `defaults` in offhours.yaml before the built-in default, so that merge happens after parsing.
 *
 * Issues meant to be shown without the offending value in front (cross-field checks) carry
 * `params.whole`; issues that point at a key rather than its value carry `params.at: 'key'`.
 */

const dayKeyPattern =
  /^\s*(daily|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(\s*,\s*(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*)\s*$/;
// Checked on the punycode form, so a domain may be written in Unicode (bücher.example).
const asciiDomainPattern = /^(([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?)$/;
const minOncePerSeconds = 3600;
const minFeedRefreshSeconds = 60;
const maxFeedRefreshSeconds = 86_400;
const maxOncePerSeconds = 30 * 86_400;
const minHttpTokenLength = 16;

/**
 * An address as RFC 6532 allows it: a UTF-8 local part and a Unicode or punycode domain.
 * The loader brings every address to one form (normalizeAddress) before it is compared.
 */
const emailSchema = z.email({
  pattern:
    /^[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?\.)+[\p{L}\p{N}\p{M}-]{2,}$/u,
  error: 'is not an email address',
});

function isDomain(text: string): boolean {
  const ascii = normalizeDomain(text);
  return ascii.length <= 253 && asciiDomainPattern.test(ascii);
}

const domainSchema = z.string().refine((text) => text.trim() === '*' || isDomain(text), {
  error: 'is not a domain like acme.example (or "*")',
});

const addressOrDomainSchema = z
  .string()
  .refine((text) => (text.includes('@') ? emailSchema.safeParse(text).success : isDomain(text)), {
    error: 'is not an address (orders@shop.example) or a domain (shop.example)',
  });

export const timeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: 'is not a time zone: use a name like Europe/London or America/New_York',
  })
  .describe('An IANA time zone name, e.g. Europe/London.');

const wallTimeSchema = z
  .string()
  .refine((text) => parseWallTime(text) !== null, { error: 'is not a time HH:MM' })
  .describe('A wall time HH:MM, 00:00 to 23:59.');

const checkInsSchema = z
  .array(wallTimeSchema)
  .describe(
    'Times (HH:MM) when the VA looks at this mail on working days; held mail resurfaces then. Default: none.',
  );

const intervalSchema = z
  .string()
  .refine((text) => parseWallInterval(text) !== null, { error: 'is not HH:MM-HH:MM' })
  .describe(
    'A working interval HH:MM-HH:MM. The end may be 24:00; an end at or before the start crosses midnight ("22:00-02:00").',
  );

function checkHoursDays(hours: Record<string, string[]>, ctx: z.RefinementCtx): void {
  const keyOfDay = new Map<number, string>();
  for (const key of Object.keys(hours)) {
    const taken = (parseDayKey(key) ?? []).filter((day) => keyOfDay.has(day));
    const firstTaken = taken[0];
    if (firstTaken !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        params: { whole: true, at: 'key' },
        message: `'${key}' repeats ${taken.map(nameWeekday).join(', ')}, already given by '${keyOfDay.get(firstTaken) ?? ''}'`,
      });
    }
    for (const day of parseDayKey(key) ?? []) if (!keyOfDay.has(day)) keyOfDay.set(day, key);
  }
}

function checkIntervalOverlaps(hours: Record<string, string[]>, ctx: z.RefinementCtx): void {
  for (const [key, texts] of Object.entries(hours)) {
    const intervals = texts.map((text, index) => ({ index, interval: parseWallInterval(text) }));
    for (const [position, current] of intervals.entries()) {
      const earlier = intervals
        .slice(0, position)
        .find(
          ({ interval }) =>
            interval !== null &&
            current.interval !== null &&
            interval.start < current.interval.end &&
            current.interval.start < interval.end,
        );
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key, current.index],
          message: `overlaps '${texts[earlier.index] ?? ''}'`,
        });
      }
    }
  }
}

const hoursSchema = z
  .record(
    z.string().regex(dayKeyPattern, {
      error:
        'is not a day: use mon..sun, a range like mon-fri, a list like mon,wed,fri, or daily (lower case)',
    }),
    z.array(intervalSchema),
  )
  .superRefine(checkHoursDays)
  .superRefine(checkIntervalOverlaps)
  .describe(
    'Working hours per day. Keys: mon..sun, ranges (mon-fri), lists (mon,wed,fri) or daily; each day may appear under one key only. A day not listed is not a working day.',
  );

const dateRangeSchema = z
  .string()
  .superRefine((text, ctx) => {
    if (parseDateRange(text) !== null) return;
    const sides = text.trim().split('..');
    const message = sides.every(isCalendarDate)
      ? 'ends before it starts'
      : sides.length === 1 && /^\d{4}-\d{2}-\d{2}$/.test(text.trim())
        ? 'is not a real date'
        : 'is not a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD';
    ctx.addIssue({ code: 'custom', message });
  })
  .describe('A date YYYY-MM-DD or an inclusive range YYYY-MM-DD..YYYY-MM-DD.');

const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { error: 'is not a real date YYYY-MM-DD' })
  .describe('A date YYYY-MM-DD.');

const monthDaySchema = z
  .string()
  .refine((text) => /^\d{2}-\d{2}$/.test(text) && isCalendarDate(`2024-${text}`), {
    error: 'is not a month and day MM-DD',
  })
  .describe('A month and day MM-DD, repeated every year.');

const dayOffObjectSchema = z
  .strictObject({
    date: dateRangeSchema.optional(),
    yearly: monthDaySchema.optional(),
    ics: z
      .string()
      .min(1)
      .superRefine((text, ctx) => {
        if (!isFeedUrl(text)) return;
        const problem = checkFeedUrl(text);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        'An ICS calendar: the path of a file, relative to this YAML file, or the https address of a calendar feed (Google Calendar\'s secret iCal address, an Outlook published calendar; plain http only on 127.0.0.1 or localhost). All-day events become days off; timed events become timed absences; recurring events are expanded over the next two years. Cancelled and "free" (transparent) events are skipped.',
      ),
    refreshEvery: z
      .string()
      .optional()
      .describe(
        'With an ics feed address: how often the feed is fetched again (asking the server for changes only), like 15m or 1h; 1m to 1d (down to 1s for a feed on 127.0.0.1 or localhost). Default: 15m.',
      ),
    checkIns: checkInsSchema
      .optional()
      .describe('Check-in times (HH:MM) kept on this day off. Default: none.'),
  })
  .superRefine((entry, ctx) => {
    const kinds = (['date', 'yearly', 'ics'] as const).filter((kind) => entry[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        params: { whole: true },
        message:
          kinds.length === 0
            ? 'needs one of date, yearly or ics'
            : `has ${kinds.join(' and ')}: give only one of them per entry`,
      });
    }
    if (entry.refreshEvery !== undefined) {
      const problem =
        entry.ics === undefined || !isFeedUrl(entry.ics)
          ? 'is only for an ics feed address (https://…)'
          : checkRefreshEvery(entry.refreshEvery, entry.ics);
      if (problem !== null)
        ctx.addIssue({ code: 'custom', path: ['refreshEvery'], message: problem });
    }
    if (entry.ics !== undefined && entry.checkIns !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkIns'],
        params: { whole: true, at: 'key' },
        message: 'cannot be used with ics',
      });
    }
  });

/** Why a feed's refreshEvery cannot be used, or null. */
function checkRefreshEvery(text: string, feed: string): string | null {
  const seconds = parseDuration(text);
  if (seconds === null) return 'is not a duration like 15m, 1h or 1d';
  const loopback = URL.canParse(feed.trim()) && isLoopbackUrl(new URL(feed.trim()));
  const minimum = loopback ? 1 : minFeedRefreshSeconds;
  if (seconds < minimum)
    return `is too short: the minimum is ${loopback ? '1s' : '1m'} (a calendar server is asked at most this often)`;
  if (seconds > maxFeedRefreshSeconds) return 'is too long: the maximum is 1d';
  return null;
}

const daysOffSchema = z
  .array(z.union([dateRangeSchema, dayOffObjectSchema]))
  .describe(
    'Days off: a date, a range a..b, { date, checkIns } for a day off with check-ins, { yearly: MM-DD }, { ics: path } or { ics: https://…, refreshEvery }. A client list replaces the defaults list.',
  );

function checkTemplateOf(known: readonly string[]) {
  return (template: string, ctx: z.RefinementCtx): void => {
    const unknown = findUnknownPlaceholders(template, known);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        params: { whole: true },
        message: `uses unknown ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${known.map((name) => `{{${name}}}`).join(', ')}`,
      });
    }
  };
}

const templateSchema = z.string().min(1).superRefine(checkTemplateOf(templatePlaceholders));
const announcementTemplateSchema = z
  .string()
  .min(1)
  .superRefine(checkTemplateOf(announcementPlaceholders));

const oncePerSchema = z
  .string()
  .superRefine((text, ctx) => {
    const seconds = parseDuration(text);
    if (seconds === null) {
      ctx.addIssue({ code: 'custom', message: 'is not a duration like 1h, 36h, 4d or 1w' });
    } else if (seconds < minOncePerSeconds) {
      ctx.addIssue({ code: 'custom', message: 'is too short: the minimum is 1h' });
    } else if (seconds > maxOncePerSeconds) {
      ctx.addIssue({ code: 'custom', message: 'is too long: the maximum is 30d' });
    }
  })
  .describe(
    'Reply to the same sender at most once per this period: 1h to 30d, written like 1h, 36h, 4d or 1w. Default: 4d.',
  );

const emergencySchema = z
  .strictObject({
    keywords: z
      .array(z.string().trim().min(1))
      .optional()
      .describe(
        'Whole words or phrases, any case, in the subject or body, that make a message an emergency. Default: urgent, emergency.',
      ),
    senders: z
      .array(emailSchema)
      .optional()
      .describe('When set, only these senders can raise an emergency. Default: anyone.'),
    automated: z
      .boolean()
      .optional()
      .describe(
        'When true, automated mail (alerts, monitors) can be an emergency: forwarded to the backup, never replied to. Default: false.',
      ),
  })
  .describe('What counts as an emergency, which is forwarded to the on-call backup.');

const autoReplySchema = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe(
        'false: never auto-reply for this client (mail is still held and forwarded). Default: true.',
      ),
    subject: templateSchema
      .optional()
      .describe('Subject of the auto-reply. Default: "Auto: {{subject}}".'),
    body: templateSchema
      .optional()
      .describe(
        'Body of the auto-reply outside working hours. Placeholders: {{subject}}, {{senderName}}, {{senderAddress}}, {{clientName}}, {{assistantName}}, {{resumeAt}}, {{backupName}}, {{backupAddress}}, {{howToEscalate}} (how this sender can reach the backup, empty when they cannot; a line holding only it is dropped then).',
      ),
    emergencyBody: templateSchema
      .optional()
      .describe(
        'Body of the reply sent when an emergency was forwarded to the backup. Same placeholders as body.',
      ),
    oncePer: oncePerSchema.optional(),
    checkRecipient: z
      .boolean()
      .optional()
      .describe(
        "Reply only when one of the assistant's addresses is a recipient (not for lists or Bcc copies). Default: true.",
      ),
    alwaysReplyTo: z
      .array(addressOrDomainSchema)
      .optional()
      .describe(
        'Addresses or domains (subdomains too) answered even when they look like robots or bulk mail (orders@, a tool that writes like one). Never overrides the RFC 3834 rules: Return-Path <>, Auto-Submitted, List-*, Precedence, X-Auto-Response-Suppress, reports, responder and offhours markers. Default: none.',
      ),
    neverReplyTo: z
      .array(addressOrDomainSchema)
      .optional()
      .describe(
        'Addresses or domains (subdomains too) never answered, matched against From and Return-Path; wins over alwaysReplyTo. Mail is still held and emergencies forwarded. Default: none.',
      ),
  })
  .superRefine((autoReply, ctx) => {
    const never = new Set(
      (autoReply.neverReplyTo ?? []).map((entry) => entry.trim().toLowerCase()),
    );
    (autoReply.alwaysReplyTo ?? []).forEach((entry, index) => {
      if (never.has(entry.trim().toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['alwaysReplyTo', index],
          message: 'is also in neverReplyTo: list it in one of them',
        });
      }
    });
  })
  .describe('The automatic reply sent outside working hours.');

const maxReplyWithinSeconds = 30 * 86_400;

const replyWithinSchema = z
  .union([
    z.string().superRefine((text, ctx) => {
      const seconds = parseDuration(text);
      if (seconds === null || seconds === 0) {
        ctx.addIssue({ code: 'custom', message: 'is not a duration like 30m, 2h or 1d' });
      } else if (seconds > maxReplyWithinSeconds) {
        ctx.addIssue({ code: 'custom', message: 'is too long: the maximum is 30d' });
      }
    }),
    z.boolean(),
  ])
  .refine((value) => value !== true, {
    error: 'is not a duration like 30m, 2h or 1d (false turns the promise off)',
  })
  .describe(
    'The reply-time promise: a message from this client that needs a reply and has none from you within this much of your working time (its hours in its zone; out-of-hours mail starts at the next working interval) is flagged and you get one reminder email. Written like 30m, 2h or 1d (1d is 24 working hours); false turns off a promise set in defaults. Default: none.',
  );

const maxAnnounceDaysBefore = 30;
const maxRecentWithinSeconds = 366 * 86_400;

const announceSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe(
        'false: no announcements for this client (e.g. when defaults turn them on). Default: true.',
      ),
    daysBefore: z
      .int()
      .min(1)
      .max(maxAnnounceDaysBefore)
      .optional()
      .describe(
        "How many days (in the client's zone) before an absence starts the announcement goes out, at your first check-in or working hour that day: 1 to 30. Default: 3.",
      ),
    to: z
      .enum(['recent', 'all'])
      .optional()
      .describe(
        'recent: everyone of this client who wrote within recentWithin (people only, never robots); all: every address in match.addresses and everyone of this client who wrote in the last year. Default: recent.',
      ),
    recentWithin: z
      .string()
      .superRefine((text, ctx) => {
        const seconds = parseDuration(text);
        if (seconds === null || seconds === 0) {
          ctx.addIssue({ code: 'custom', message: 'is not a duration like 14d, 30d or 8w' });
        } else if (seconds > maxRecentWithinSeconds) {
          ctx.addIssue({ code: 'custom', message: 'is too long: the maximum is 366d' });
        }
      })
      .optional()
      .describe('With to: recent, how far back a sender counts as recent, like 30d. Default: 30d.'),
    subject: announcementTemplateSchema
      .optional()
      .describe('Subject of the announcement. Default: "I\'m away {{away}}".'),
    body: announcementTemplateSchema
      .optional()
      .describe(
        "Body of the announcement. Placeholders: {{clientName}}, {{assistantName}}, {{recipientAddress}}, {{away}} (on Thursday 24 December; from … to …), {{resumeAt}} (when you read mail again, on the client's clock), {{backupName}}, {{backupAddress}} (the backup on call when the absence starts), {{howToEscalate}} (how this recipient reaches the backup, empty when they cannot; a line holding only it is dropped then). Default: a short note of when you are away and read mail again, and {{howToEscalate}}.",
      ),
  })
  .describe(
    "Days-off announcements: an email to the client's correspondents daysBefore days before each day off, range of days off or calendar absence that takes working time (adjacent days off, and days off with no working time between them, are one absence): when you are away, when you read mail again, who covers emergencies. Sent once per absence and recipient. Default: none (no announcements).",
  );

/** Settings a client file may set and `defaults` in offhours.yaml may provide for every client. */
const clientSettingsShape = {
  timezone: timeZoneSchema
    .optional()
    .describe(
      'Zone of hours, checkIns and daysOff. Default: defaults.timezone, else assistant.timezone.',
    ),
  hours: hoursSchema.optional(),
  checkIns: checkInsSchema.optional(),
  daysOff: daysOffSchema.optional(),
  emergency: emergencySchema.optional(),
  autoReply: autoReplySchema.optional(),
  replyWithin: replyWithinSchema.optional(),
  announce: announceSchema.optional(),
};

export const clientDefaultsSchema = z
  .strictObject(clientSettingsShape)
  .describe(
    'Settings every client starts from. A client key replaces the default; inside emergency, autoReply and announce each key is taken separately.',
  );

export const clientFileSchema = z
  .strictObject({
    name: z.string().trim().min(1).describe('The client name, used in replies as {{clientName}}.'),
    match: z
      .strictObject({
        addresses: z.array(emailSchema).optional().describe('Exact sender addresses, any case.'),
        domains: z
          .array(domainSchema)
          .optional()
          .describe(
            'Sender domains, in Unicode or punycode; subdomains match too; "*" matches any sender.',
          ),
      })
      .describe('Which senders belong to this client.'),
    ...clientSettingsShape,
  })
  .meta({ title: 'offhours client', description: 'One client of the virtual assistant.' });

const tlsSchema = z
  .strictObject({
    rejectUnauthorized: z
      .boolean()
      .optional()
      .describe('false accepts a certificate that does not verify (self-signed). Default: true.'),
    ca: z
      .string()
      .min(1)
      .optional()
      .describe('Path of a PEM file with the CA certificate to trust, relative to offhours.yaml.'),
  })
  .describe('TLS options for servers with private certificates.');

// A port may come from the environment ("${IMAP_PORT}"), which always gives a string.
const portNumberSchema = (min: number) =>
  z
    .union([
      z.int(),
      z.string().regex(/^\d+$/, { error: 'is not a port number' }).transform(Number),
    ])
    .pipe(
      z
        .int()
        .min(min, { error: 'is not a port number' })
        .max(65535, { error: 'is not a port number' }),
    );
const portSchema = portNumberSchema(1);

const oauthEndpointSchema = z
  .url({ protocol: /^https?$/, error: 'is not an http(s) URL' })
  .refine(
    (url) =>
      url.startsWith('https:') ||
      /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url),
    { error: 'must be https (plain http only on 127.0.0.1 or localhost)' },
  )
  .describe('An https URL; plain http only on a loopback address (127.0.0.1, localhost).');
const microsoftTenantPattern =
  /^(organizations|consumers|common|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|([a-z0-9-]+\.)+[a-z]{2,})$/i;
const customOnlyKeys = ['tokenUrl', 'deviceAuthorizationUrl', 'authorizationUrl'] as const;
const oauthKeys = [
  'provider',
  'clientId',
  'clientSecret',
  'tenant',
  ...customOnlyKeys,
  'scopes',
] as const;

/** `imap.auth` / `smtp.auth` as written. */
export interface MailAuthFile {
  readonly type: 'password' | 'oauth2';
  readonly pass?: string | undefined;
  readonly provider?: 'google' | 'microsoft' | 'custom' | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly tenant?: string | undefined;
  readonly tokenUrl?: string | undefined;
  readonly deviceAuthorizationUrl?: string | undefined;
  readonly authorizationUrl?: string | undefined;
  readonly scopes?: readonly string[] | undefined;
}

/** `imap.auth` / `smtp.auth`; `server` names the section in descriptions and messages. */
function mailAuthSchema(server: 'imap' | 'smtp') {
  const envName = server === 'imap' ? 'IMAP_PASS' : 'SMTP_PASS';
  return z
    .strictObject({
      type: z
        .enum(['password', 'oauth2'])
        .describe(
          'password, or oauth2 for Google, Microsoft and other OAuth2 accounts (log in once with `offhours auth login`).',
        ),
      pass: z
        .string()
        .min(1)
        .optional()
        .describe(
          `With type password: the password; write "\${${envName}}" to read it from the environment.`,
        ),
      provider: z
        .enum(['google', 'microsoft', 'custom'])
        .optional()
        .describe(
          server === 'imap'
            ? 'With type oauth2: google, microsoft, or custom (give tokenUrl, an authorization or device endpoint and scopes).'
            : "With type oauth2: google, microsoft or custom. Leave it out to use the IMAP account's tokens (same user).",
        ),
      clientId: z
        .string()
        .min(1)
        .optional()
        .describe('With a provider: the OAuth2 client (application) id you registered.'),
      clientSecret: z
        .string()
        .min(1)
        .optional()
        .describe(
          'The client secret, when the provider issued one (Google desktop clients do); write "${OAUTH_CLIENT_SECRET}" to read it from the environment.',
        ),
      tenant: z
        .string()
        .regex(microsoftTenantPattern, {
          error: 'is not a tenant: use organizations, consumers, common, a tenant id or a domain',
        })
        .optional()
        .describe(
          'Microsoft only: organizations (work and school accounts), consumers (Outlook.com), common, or your tenant id or domain. Default: organizations.',
        ),
      tokenUrl: oauthEndpointSchema.optional().describe('Custom only: the token endpoint.'),
      deviceAuthorizationUrl: oauthEndpointSchema
        .optional()
        .describe('Custom only: the device authorization endpoint (login with a code).'),
      authorizationUrl: oauthEndpointSchema
        .optional()
        .describe(
          'Custom only: the authorization endpoint (login in a browser, redirected to 127.0.0.1).',
        ),
      scopes: z
        .array(z.string().trim().min(1))
        .min(1)
        .optional()
        .describe(
          "Scopes to ask for; required for custom. Default: the provider's mail scopes (Google: https://mail.google.com/; Microsoft: IMAP.AccessAsUser.All, SMTP.Send, offline_access).",
        ),
    })
    .superRefine((auth, ctx) => checkMailAuth(auth, server, ctx))
    .describe(
      `How offhours logs in to the ${server === 'imap' ? 'IMAP' : 'SMTP'} server; instead of ${server}.pass.`,
    );
}

function checkMailAuth(auth: MailAuthFile, server: 'imap' | 'smtp', ctx: z.RefinementCtx): void {
  const misplaced = (key: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [key], params: { whole: true, at: 'key' }, message });
  const missing = (key: string, message = 'is required') =>
    ctx.addIssue({ code: 'custom', path: [key], params: { whole: true }, message });
  if (auth.type === 'password') {
    if (auth.pass === undefined) missing('pass', 'is required with type password');
    for (const key of oauthKeys) {
      if (auth[key] !== undefined) misplaced(key, 'is only for type oauth2');
    }
    return;
  }
  if (auth.pass !== undefined) misplaced('pass', 'is only for type password');
  if (auth.provider === undefined) {
    if (server === 'imap') missing('provider', 'is required with type oauth2');
    for (const key of oauthKeys) {
      if (auth[key] !== undefined && key !== 'provider')
        misplaced(key, "needs a provider; without one the IMAP account's tokens are used");
    }
    return;
  }
  if (auth.clientId === undefined) missing('clientId');
  if (auth.tenant !== undefined && auth.provider !== 'microsoft')
    misplaced('tenant', 'is only for provider microsoft');
  if (auth.provider !== 'custom') {
    for (const key of customOnlyKeys) {
      if (auth[key] !== undefined) misplaced(key, 'is only for provider custom');
    }
    return;
  }
  if (auth.tokenUrl === undefined) missing('tokenUrl', 'is required with provider custom');
  if (auth.deviceAuthorizationUrl === undefined && auth.authorizationUrl === undefined)
    missing(
      'authorizationUrl',
      'or deviceAuthorizationUrl is required with provider custom (how `auth login` logs in)',
    );
  if (auth.scopes === undefined) missing('scopes', 'is required with provider custom');
}

/** One of `pass` and `auth`, never both. */
function checkPassOrAuth(
  server: { pass?: string | undefined; auth?: unknown },
  ctx: z.RefinementCtx,
  required: boolean,
): void {
  if (server.pass !== undefined && server.auth !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pass'],
      params: { whole: true, at: 'key' },
      message: 'cannot be used with auth: give the password as auth.pass, or leave auth out',
    });
  } else if (required && server.pass === undefined && server.auth === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pass'],
      params: { whole: true },
      message: 'is required (or auth: { type: oauth2, ... })',
    });
  }
}

const imapSchema = z
  .strictObject({
    host: z.string().min(1).describe('IMAP server host name.'),
    port: portSchema
      .optional()
      .describe(
        'IMAP server port; may come from the environment. Default: 993 when secure, else 143.',
      ),
    secure: z.boolean().default(true).describe('Connect with TLS from the start. Default: true.'),
    user: z.string().min(1).describe('Login name.'),
    pass: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Password; write "${IMAP_PASS}" to read it from the environment. Required unless auth is given.',
      ),
    auth: mailAuthSchema('imap').optional(),
    mailbox: z.string().min(1).default('INBOX').describe('Mailbox to watch. Default: INBOX.'),
    holdMailbox: z
      .string()
      .min(1)
      .default('Offhours/Held')
      .describe(
        'Mailbox where mail outside hours is held until a check-in. Default: Offhours/Held.',
      ),
    sentMailbox: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The Sent folder, where offhours looks before sending a message a crashed attempt may already have sent (and keeps its copies with smtp.sentCopy: append). Default: the folder the server marks \\Sent, else Sent.',
      ),
    tls: tlsSchema.optional(),
  })
  .superRefine((imap, ctx) => checkPassOrAuth(imap, ctx, true))
  .describe('The mailbox offhours watches.');

const smtpSchema = z
  .strictObject({
    host: z.string().min(1).describe('SMTP server host name.'),
    port: portSchema
      .optional()
      .describe(
        'SMTP submission port; may come from the environment. Default: 465 when secure, else 587.',
      ),
    secure: z.boolean().default(true).describe('Connect with TLS from the start. Default: true.'),
    user: z.string().min(1).optional().describe('Login name, when the server needs one.'),
    pass: z
      .string()
      .min(1)
      .optional()
      .describe('Password; write "${SMTP_PASS}" to read it from the environment.'),
    auth: mailAuthSchema('smtp').optional(),
    from: emailSchema
      .optional()
      .describe('Sender address of replies. Default: the first assistant address.'),
    sentCopy: z
      .enum(['auto', 'server', 'append', 'none'])
      .default('auto')
      .describe(
        'Who keeps a copy of what offhours sends in the Sent folder, the proof a retry checks so a crash never sends twice: server (Gmail and Microsoft 365 keep one of everything sent through their SMTP), append (offhours APPENDs it over IMAP right after the server accepted it), none (no copy; a crash between the SMTP reply and the delivery record may send twice). auto: server for Gmail and Microsoft hosts or an OAuth2 login with those providers, else append. Default: auto.',
      ),
    tls: tlsSchema.optional(),
  })
  .superRefine((smtp, ctx) => checkPassOrAuth(smtp, ctx, false))
  .describe('The server that sends replies and forwards.');

const backupSchema = z.strictObject({
  name: z.string().trim().min(1).describe('Name, used in replies as {{backupName}}.'),
  address: emailSchema.describe('Address emergencies are forwarded to.'),
  timezone: timeZoneSchema
    .optional()
    .describe('Zone of quietHours. Default: onCall.rotation.timezone, else assistant.timezone.'),
  quietHours: hoursSchema
    .optional()
    .describe(
      'When this backup is not to be disturbed: days (mon..sun, mon-fri, daily) with intervals HH:MM-HH:MM ("22:00-07:00" crosses midnight). An emergency then goes to the next backup in the rotation. Default: never quiet.',
    ),
});

const minEscalationSeconds = 1;
const maxEscalationSeconds = 86_400;

const escalationSchema = z
  .strictObject({
    after: z
      .string()
      .superRefine((text, ctx) => {
        const seconds = parseDuration(text);
        if (seconds === null) {
          ctx.addIssue({ code: 'custom', message: 'is not a duration like 15m, 30m or 1h' });
        } else if (seconds < minEscalationSeconds || seconds > maxEscalationSeconds) {
          ctx.addIssue({ code: 'custom', message: 'must be between 1s and 1d' });
        }
      })
      .describe(
        'How long a forwarded emergency waits for the backup to acknowledge it (by replying to the forward) before it goes to the next backup in the rotation, written like 15m or 1h.',
      ),
    finally: emailSchema
      .optional()
      .describe(
        'Where the emergency goes when no backup acknowledged it, e.g. your personal address. Default: nowhere (escalation ends with the backups).',
      ),
  })
  .describe(
    'Escalation of forwarded emergencies nobody acknowledges: each step once, to the next backup not in quiet hours, then to finally.',
  );

const onCallSchema = z
  .strictObject({
    backups: z.array(backupSchema).min(1).describe('Backup assistants, in rotation order.'),
    rotation: z
      .strictObject({
        every: z.enum(['day', 'week']).describe('How long each backup is on call.'),
        startsAt: z
          .string()
          .refine(
            (text) =>
              /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) &&
              DateTime.fromISO(text, { zone: 'utc' }).isValid,
            { error: 'is not a local date and time YYYY-MM-DDTHH:MM' },
          )
          .describe('When the first backup starts, local time YYYY-MM-DDTHH:MM.'),
        timezone: timeZoneSchema
          .optional()
          .describe('Zone of startsAt. Default: assistant.timezone.'),
      })
      .optional()
      .describe('How backups take turns; needed when there is more than one backup.'),
    overrides: z
      .array(
        z.strictObject({
          from: calendarDateSchema.describe('First day, YYYY-MM-DD.'),
          to: calendarDateSchema.describe('Last day (inclusive), YYYY-MM-DD.'),
          backup: emailSchema.describe('Address of the backup on call instead; one of backups.'),
        }),
      )
      .default([])
      .describe('Dates when another backup covers; a later entry wins over an earlier one.'),
    escalation: escalationSchema.optional(),
  })
  .superRefine((onCall, ctx) => {
    const addresses = onCall.backups.map((backup) => backup.address.toLowerCase());
    addresses.forEach((address, index) => {
      if (addresses.indexOf(address) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['backups', index, 'address'],
          message: 'is listed twice',
        });
      }
    });
    onCall.overrides.forEach((override, index) => {
      if (!addresses.includes(override.backup.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, 'backup'],
          message: 'is not one of onCall.backups',
        });
      }
      if (override.to < override.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, 'to'],
          message: 'is before from',
        });
      }
    });
    if (onCall.rotation === undefined && onCall.backups.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['rotation'],
        params: { whole: true },
        message: 'is required when there is more than one backup',
      });
    }
  })
  .describe('Who covers emergencies while the VA is away.');

export const offhoursFileSchema = z
  .strictObject({
    assistant: z
      .strictObject({
        name: z.string().trim().min(1).describe('Your name, used in replies as {{assistantName}}.'),
        addresses: z
          .array(emailSchema)
          .min(1)
          .describe('Your own addresses and aliases; mail from them is never answered.'),
        timezone: timeZoneSchema.describe('Your time zone; the default zone of every client.'),
        authservIds: z
          .array(z.string().trim().min(1))
          .optional()
          .describe(
            'authserv-ids your own receiving server stamps in Authentication-Results (e.g. mx.google.com); only those headers are believed when checking that an emergency sender is genuine (DKIM or DMARC pass). Default: none (only an aligned Return-Path verifies a sender).',
          ),
      })
      .describe('The virtual assistant.'),
    imap: imapSchema,
    smtp: smtpSchema,
    redis: z
      .strictObject({
        url: z
          .string()
          .min(1)
          .default('redis://127.0.0.1:6379')
          .describe('Redis URL. Default: redis://127.0.0.1:6379.'),
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/, { error: 'may use only letters, digits, - and _' })
          .default('offhours')
          .describe(
            'Prefix of every Redis key, so several assistants can share one Redis. Default: offhours.',
          ),
      })
      .default({ url: 'redis://127.0.0.1:6379', prefix: 'offhours' })
      .describe('Where queued work and reply history are kept.'),
    http: z
      .strictObject({
        port: portNumberSchema(0)
          .nullable()
          .default(null)
          .describe(
            'Port of the HTTP server (the status page, health and metrics); 0 picks a free one (logged), null turns it off. Default: null.',
          ),
        host: z
          .string()
          .min(1)
          .default('127.0.0.1')
          .describe(
            'Address to listen on. Anything but a loopback address (127.0.0.1, ::1, localhost) needs http.token. Default: 127.0.0.1.',
          ),
        token: z
          .string()
          .min(1)
          .refine((token) => token.length >= minHttpTokenLength, {
            error: `is too short: use at least ${minHttpTokenLength} random characters (openssl rand -hex 24)`,
          })
          .optional()
          .describe(
            'The secret /status and /status.json ask for (Authorization: Bearer …, or ?token=… in a bookmark); write "${OFFHOURS_HTTP_TOKEN}" to read it from the environment. At least 16 characters. Required when http.host is not a loopback address; when set, always required. /healthz and /metrics never ask for it. Default: none.',
          ),
      })
      .superRefine((http, ctx) => {
        if (http.port === null || http.token !== undefined || isLoopbackHost(http.host)) return;
        ctx.addIssue({
          code: 'custom',
          path: ['token'],
          params: { whole: true },
          message: `is required when http.host is not a loopback address (${http.host}): the status page shows your clients' mail; write token: "\${OFFHOURS_HTTP_TOKEN}"`,
        });
      })
      .default({ port: null, host: '127.0.0.1' })
      .describe('The HTTP server: status page, health and metrics.'),
    limits: z
      .strictObject({
        perAddressPerHour: z
          .int()
          .min(1)
          .default(3)
          .describe(
            'Circuit breaker: at most this many replies sent to one address per clock hour; more wait for the next hour (SEND_DEFERRED). Default: 3.',
          ),
        globalPerMinute: z
          .int()
          .min(1)
          .default(30)
          .describe(
            'At most this many replies sent per clock minute in all; more wait for the next minute (SEND_DEFERRED). Emergency forwards go only to configured backups and never wait. Default: 30.',
          ),
      })
      .default({ perAddressPerHour: 3, globalPerMinute: 30 })
      .describe('Caps that stop a mail loop from flooding anyone.'),
    records: z
      .strictObject({
        keepFor: z
          .string()
          .refine((text) => (parseDuration(text) ?? 0) >= 86_400, {
            error: 'is not a duration of a day or more, like 30d, 12w or 90d',
          })
          .default('90d')
          .describe(
            'How long the record of decisions and outcomes (`offhours log`, the digest) is kept: a day or more, like 30d or 12w. Default: 90d.',
          ),
        subjects: z
          .boolean()
          .default(true)
          .describe(
            'false: records keep no subjects (only sender, client, reasons and outcome). Default: true.',
          ),
      })
      .default({ keepFor: '90d', subjects: true })
      .describe('The durable record of what offhours decided and did, per mailbox. Never bodies.'),
    digest: z
      .strictObject({
        enabled: z
          .boolean()
          .default(false)
          .describe(
            'true: email the VA a hand-back digest of what happened since the last one. Default: false.',
          ),
        at: z
          .string()
          .refine((text) => text === 'first-check-in' || parseWallTime(text) !== null, {
            error: 'is not first-check-in or a time HH:MM',
          })
          .default('first-check-in')
          .describe(
            "When on a working day: first-check-in (the first moment of the VA's day, in assistant.timezone, at which some client's schedule has her look at mail: a check-in or the start of working hours) or a time HH:MM in assistant.timezone. A working day is a day with such a moment; days off of every client have none. Default: first-check-in.",
          ),
        to: emailSchema
          .optional()
          .describe('Where the digest goes. Default: the first assistant address.'),
      })
      .default({ enabled: false, at: 'first-check-in' })
      .describe(
        'The hand-back digest: one email per working day (the first one after days off covers them too); nothing when nothing happened.',
      ),
    onCall: onCallSchema,
    clients: z
      .string()
      .min(1)
      .default('./clients')
      .describe('Folder of client files (*.yaml), relative to this file. Default: ./clients.'),
    unknownSenders: z
      .string()
      .min(1)
      .default('ignore')
      .describe(
        '"ignore", or the id (file name) of a client whose rules apply to every unmatched sender. Default: ignore.',
      ),
    defaults: clientDefaultsSchema.default({}),
  })
  .superRefine(checkSmtpTokenReuse)
  .meta({
    title: 'offhours',
    description: 'Global settings of offhours, the email auto-responder for virtual assistants.',
  });

/** `smtp.auth: { type: oauth2 }` without a provider borrows the IMAP account's tokens. */
function checkSmtpTokenReuse(
  file: {
    imap: { user: string; auth?: MailAuthFile | undefined };
    smtp: { user?: string | undefined; auth?: MailAuthFile | undefined };
  },
  ctx: z.RefinementCtx,
): void {
  const smtpAuth = file.smtp.auth;
  if (smtpAuth?.type !== 'oauth2' || smtpAuth.provider !== undefined) return;
  if (file.imap.auth?.type !== 'oauth2') {
    ctx.addIssue({
      code: 'custom',
      path: ['smtp', 'auth', 'type'],
      params: { whole: true },
      message: 'oauth2 without a provider uses the IMAP account, but imap.auth is not oauth2',
    });
  } else if (
    file.smtp.user !== undefined &&
    file.smtp.user.toLowerCase() !== file.imap.user.toLowerCase()
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['smtp', 'user'],
      params: { whole: true },
      message:
        "differs from imap.user, so it cannot use the IMAP account's tokens: give smtp.auth a provider",
    });
  }
}

export type OffhoursFile = z.infer<typeof offhoursFileSchema>;
export type ClientFile = z.infer<typeof clientFileSchema>;
export type ClientDefaults = z.infer<typeof clientDefaultsSchema>;
export type DayOffEntry = NonNullable<ClientDefaults['daysOff']>[number];
export type TlsSettings = z.infer<typeof tlsSchema>;
