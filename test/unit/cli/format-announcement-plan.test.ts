import { describe, expect, it } from 'vitest';
import { formatAnnouncementPlan } from '../../../src/cli/format-announcement-plan.js';
import type { AnnouncementState } from '../../../src/runtime/read-announcement-plan.js';
import { planAnnouncements } from '../../../src/triage/plan-announcements.js';
import type { AnnounceRules } from '../../../src/triage/triage-config.js';
import { makeAcme, makeBloom, makeTriageConfig } from '../../support/make-config.js';

const announce: AnnounceRules = {
  daysBefore: 3,
  to: 'all',
  recentWithinSeconds: 30 * 86_400,
  subject: "I'm away {{away}}",
  body: 'Away {{away}}.\nBack {{resumeAt}}.\n',
};
// Acme's Thanksgiving (26 November) and the Friday after it, in New York.
const config = makeTriageConfig({ clients: [makeAcme({ announce }), makeBloom()] });

function format(now: string, sentTo: readonly string[] = []): string {
  const at = new Date(now);
  const plan: AnnouncementState[] = planAnnouncements({
    config,
    now: at,
    correspondentsOf: () => [],
    lookaheadDays: 14,
  }).map((entry) => ({
    ...entry,
    messages: entry.messages.map((message) => ({
      ...message,
      sentAt: sentTo.includes(message.to) ? '2026-11-23T13:31:00.000Z' : null,
    })),
  }));
  return formatAnnouncementPlan(plan, config, at, 14);
}

describe('formatAnnouncementPlan', () => {
  it('shows a due absence, its recipient and the message in full', () => {
    expect(format('2026-11-23T15:00:00Z')).toBe(
      [
        'Days-off announcements as of 2026-11-23 15:00 (Europe/London). Dry run: nothing is sent.',
        '',
        'Acme Corp (acme, America/New_York): 3 days ahead, to all its addresses',
        '  away from Thursday 26 November to Friday 27 November; mail read again on Saturday 28 November at 08:30; Sam Ortiz <sam@studio.example> covers',
        '  due since today at 08:30',
        '    ceo@acme.example  would be sent now',
        '  to ceo@acme.example:',
        "    Subject: I'm away from Thursday 26 November to Friday 27 November",
        '    | Away from Thursday 26 November to Friday 27 November.',
        '    | Back on Saturday 28 November at 08:30.',
        '  away on Friday 4 December from 13:00 to 15:00; mail read again on Friday 4 December at 15:00; Priya Shah <priya@studio.example> covers',
        '  not due yet: due on Tuesday 1 December at 08:30',
        '    ceo@acme.example  would be sent when due',
        '  to ceo@acme.example:',
        "    Subject: I'm away on Friday 4 December from 13:00 to 15:00",
        '    | Away on Friday 4 December from 13:00 to 15:00.',
        '    | Back on Friday 4 December at 15:00.',
        '',
        'Without announce: bloom.',
        '',
        '1 announcement due now; the daemon (offhours run) sends them at its next check (at start, every 10 minutes, after a config change).',
        '',
      ].join('\n'),
    );
  });

  it('says what went out already, and that nothing is left to send', () => {
    const text = format('2026-11-23T15:00:00Z', ['ceo@acme.example']);
    expect(text).toContain('    ceo@acme.example  sent already, 2026-11-23 08:31\n');
    expect(text).toContain('\nNothing is due to be sent now.\n');
  });

  it('says so when no client announces', () => {
    const quiet = makeTriageConfig({ clients: [makeBloom()] });
    expect(formatAnnouncementPlan([], quiet, new Date('2026-11-23T15:00:00Z'), 14)).toBe(
      'Days-off announcements as of 2026-11-23 15:00 (Europe/London). Dry run: nothing is sent.\nNo client has announce set.\n',
    );
  });
});
