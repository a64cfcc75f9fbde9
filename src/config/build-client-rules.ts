import type { DayOff } from '../schedule/client-schedule.js';
import type { AnnounceRules, ClientRules } from '../triage/triage-config.js';
import { buildCheckIns } from './build-check-ins.js';
import { buildWeeklyHours } from './build-weekly-hours.js';
import type { ClientDefaults, ClientFile } from './config-schema.js';
import { defaultAnnounceSettings, defaultClientSettings } from './default-client-settings.js';
import { normalizeAddress, normalizeDomain } from '../triage/normalize-address.js';
import { parseDuration } from './parse-duration.js';

/**
 * One client's rules for the decision core, from its file and its merged settings (built-in
 * defaults, then `defaults`, then the file; the built-ins below only satisfy the types). `hours` and `daysOff` come in already checked and
 * built, because a missing `hours` and unreadable calendars are reported by the loader.
 */
export function buildClientRules(input: {
  id: string;
  file: string;
  client: ClientFile;
  settings: ClientDefaults;
  hours: Readonly<Record<string, readonly string[]>>;
  timeZone: string;
  daysOff: readonly DayOff[];
}): ClientRules {
  const { emergency: builtInEmergency, autoReply: builtInAutoReply } = defaultClientSettings;
  const emergency = input.settings.emergency ?? {};
  const autoReply = input.settings.autoReply ?? {};
  const toAddressOrDomain = (entry: string): string =>
    entry.includes('@') ? normalizeAddress(entry) : normalizeDomain(entry);
  return {
    id: input.id,
    name: input.client.name,
    file: input.file,
    match: {
      addresses: (input.client.match.addresses ?? []).map(normalizeAddress),
      domains: (input.client.match.domains ?? []).map((domain) =>
        domain.trim() === '*' ? '*' : normalizeDomain(domain),
      ),
    },
    schedule: {
      timeZone: input.timeZone,
      hours: buildWeeklyHours(input.hours),
      checkIns: buildCheckIns(input.settings.checkIns ?? []),
      daysOff: input.daysOff,
    },
    emergency: {
      keywords: emergency.keywords ?? builtInEmergency.keywords,
      senders: (emergency.senders ?? []).map(normalizeAddress),
      automated: emergency.automated ?? builtInEmergency.automated,
    },
    autoReply: {
      enabled: autoReply.enabled ?? builtInAutoReply.enabled,
      subject: autoReply.subject ?? builtInAutoReply.subject,
      body: autoReply.body ?? builtInAutoReply.body,
      emergencyBody: autoReply.emergencyBody ?? builtInAutoReply.emergencyBody,
      oncePerSeconds: parseDuration(autoReply.oncePer ?? builtInAutoReply.oncePer) ?? 4 * 86_400,
      checkRecipient: autoReply.checkRecipient ?? builtInAutoReply.checkRecipient,
      alwaysReplyTo: (autoReply.alwaysReplyTo ?? builtInAutoReply.alwaysReplyTo).map(
        toAddressOrDomain,
      ),
      neverReplyTo: (autoReply.neverReplyTo ?? builtInAutoReply.neverReplyTo).map(
        toAddressOrDomain,
      ),
    },
    replyWithinSeconds:
      typeof input.settings.replyWithin === 'string'
        ? parseDuration(input.settings.replyWithin)
        : null,
    announce: buildAnnounceRules(input.settings.announce),
  };
}

function buildAnnounceRules(announce: ClientDefaults['announce']): AnnounceRules | null {
  if (announce === undefined || announce.enabled === false) return null;
  const builtIn = defaultAnnounceSettings;
  return {
    daysBefore: announce.daysBefore ?? builtIn.daysBefore,
    to: announce.to ?? builtIn.to,
    recentWithinSeconds:
      parseDuration(announce.recentWithin ?? builtIn.recentWithin) ?? 30 * 86_400,
    subject: announce.subject ?? builtIn.subject,
    body: announce.body ?? builtIn.body,
  };
}
