import { describe, expect, it } from 'vitest';
import { buildStatusView } from '../../../src/status/build-status-view.js';
import { escapeHtml } from '../../../src/status/escape-html.js';
import { renderStatusPage } from '../../../src/status/render-status-page.js';
import type { StatusSnapshot } from '../../../src/status/status-snapshot.js';
import { makeRecord, makeStatusSnapshot, snapshotAt } from '../../support/make-status-snapshot.js';

const hostile = '<script>alert("pwned")</script> Quarterly figures';
const render = (snapshot: StatusSnapshot = makeStatusSnapshot(), now = snapshotAt) =>
  renderStatusPage(buildStatusView(snapshot, now), { nonce: 'n0nce' });

/** The text of the element with this id, tags removed (enough for these flat sections). */
function sectionText(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</section>', start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &#39;single&#39;'],
    ['tab\tand\nline', 'tab\tand\nline'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
  ])('%j → %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('renderStatusPage', () => {
  it('shows a hostile subject as text wherever it appears, and runs only its own script', () => {
    const html = render(
      makeStatusSnapshot({
        assistant: { name: 'Dana <b>Reyes</b>', timeZone: 'Europe/London' },
        records: [
          makeRecord(5, {
            subject: hostile,
            from: '"><img src=x onerror=alert(1)>@evil.example',
            outcome: { type: 'failed', job: 'reply', code: 'SMTP_PERMANENT' },
            jobId: 'reply-9',
          }),
        ],
      }),
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Reyes</b>');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Quarterly figures',
    );
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@evil.example');
    // The subject is in the held list, the records and the attention item.
    expect(html.split('&lt;script&gt;alert').length - 1).toBe(3);
    // One script, the page's own, with the response's nonce; one style, likewise.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="n0nce">');
    expect(html).toContain('<style nonce="n0nce">');
  });

  it('reads well on a phone and loads nothing from elsewhere', () => {
    const html = render();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media (max-width:480px)');
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).not.toMatch(/\sstyle="/);
    // It refreshes itself: the script fetches the page again every 30 s.
    expect(html).toContain('setInterval(refresh, everyMs)');
    expect(html).toContain('const everyMs = 30000;');
  });

  it('all good: the pill says so and no Needs you section is drawn', () => {
    const html = render(makeStatusSnapshot({ records: [] }));
    expect(html).toContain('<span class="pill ok">All good</span>');
    expect(html).not.toContain('id="attention"');
    expect(sectionText(html, 'records')).toContain('Nothing recorded yet.');
  });

  it('lists what needs the VA: a rejected config edit, a dead login, Redis away, a refused reply', () => {
    const html = render(
      makeStatusSnapshot({
        redis: 'unreachable',
        configRejection: {
          at: '2026-11-25T19:30:00.000Z',
          code: 'CONFIG_INVALID',
          message:
            "The config has 1 problem:\n  clients/acme.yaml line 6, hours.mon-fri[1]: '13:30-1700' is not HH:MM-HH:MM",
        },
        auth: [
          {
            user: 'dana@gmail.example',
            provider: 'google',
            state: 'reauth_required',
            fix: 'offhours auth login --config /etc/offhours/offhours.yaml',
          },
        ],
      }),
    );
    expect(html).toContain('<span class="pill bad">4 things need you</span>');
    const needs = sectionText(html, 'attention');
    expect(needs).toContain('A config edit was rejected (19:30)');
    expect(needs).toContain('hours.mon-fri[1]: &#39;13:30-1700&#39; is not HH:MM-HH:MM');
    expect(needs).toContain('The login of dana@gmail.example (google) stopped working');
    expect(needs).toContain('Run offhours auth login --config /etc/offhours/offhours.yaml');
    expect(needs).toContain('Redis cannot be reached');
    expect(needs).toContain('A reply could not be sent (18:40)');
    expect(needs).toContain('SMTP_PERMANENT');
    const health = sectionText(html, 'health');
    expect(health).toContain('Redis Unreachable');
    expect(health).toContain('Logins Login needed');
  });

  it('a refused IMAP password is a dead login too', () => {
    const html = render(
      makeStatusSnapshot({
        watcher: {
          state: 'disconnected',
          lastCheckAt: '2026-11-25T19:00:00.000Z',
          failure: {
            at: '2026-11-25T19:10:00.000Z',
            reason: 'login refused: check imap.user and imap.pass',
            loginRefused: true,
          },
        },
      }),
    );
    expect(sectionText(html, 'attention')).toContain('The mail server refused the mailbox login');
    expect(sectionText(html, 'health')).toContain(
      'Mailbox Disconnected login refused: check imap.user and imap.pass (since 19:10); reconnecting.',
    );
  });

  it('shows each client available or away, until when, on both clocks, with its week', () => {
    const html = render();
    const clients = sectionText(html, 'clients');
    expect(clients).toContain(
      'Acme Corp America/New_York Available now · until today at 17:00 New York time (today at 22:00 your time)',
    );
    expect(clients).toContain(
      'Bloom Florists Australia/Sydney 1 held Out of hours · back today at 09:00 Sydney time (today at 22:00 your time)',
    );
    expect(clients).toContain(
      'Cedar Legal Europe/London 2 held Out of hours · back tomorrow at 08:45',
    );
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(3);
    expect(html).toContain('aria-label="The week of Acme Corp"');
  });

  it('shows held mail with when it comes back, on call and the next handover, today’s counts', () => {
    const html = render();
    const held = sectionText(html, 'held');
    expect(held).toContain('Held 3');
    expect(held).toContain(
      'Re: Wedding flowers Bloom Florists orders@bloom.example · held 18:39 Back tomorrow at 06:45 Sydney time (tomorrow at 19:45 your time)',
    );
    expect(sectionText(html, 'on-call')).toContain(
      'Sam Ortiz sam@studio.example Next: Priya Shah takes over on Monday 30 November at 09:00 your time.',
    );
    const today = sectionText(html, 'today');
    expect(today).toContain('5 received');
    expect(today).toContain('1 replied');
    expect(today).toContain('1 emergencies');
    expect(today).toContain('1 robots');
    expect(today).toContain('1 failed');
  });

  it('lists records with reasons in words and their meanings', () => {
    const html = render();
    const records = sectionText(html, 'records');
    expect(records).toContain(
      '19:40 held until tomorrow 08:45 Cedar Legal robot Cedar Legal weekly digest',
    );
    expect(records).toContain('out of hours · mailing list · bulk');
    expect(html).toContain('title="AUTO_LIST_HEADER: A List-* header marks mailing-list mail."');
    expect(records).toContain(
      '19:15 forwarded to sam@studio.example Acme Corp emergency URGENT: site down',
    );
  });
});
