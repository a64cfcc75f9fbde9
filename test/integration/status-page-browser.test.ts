import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../src/sandbox/start-dovecot.js';
import type { SmtpSink } from '../../src/sandbox/start-smtp-sink.js';
import { composeAcmeClient } from '../support/compose-acme-client.js';
import { composeMail } from '../support/compose-mail.js';
import { launchChromium } from '../support/launch-chromium.js';
import type { LogLine } from '../support/start-offhours.js';
import { startTestDaemon, type TestDaemon } from '../support/start-test-daemon.js';
import { useCleanups } from '../support/use-cleanups.js';
import { useMailServices } from '../support/use-mail-services.js';

/*
 * The status page as the VA sees it: the real daemon against real Dovecot, Redis and the
 * SMTP sink, bound to every address with a token, after mail of each kind, loaded in
 * Debian's headless Chromium; the token's 401 and 200; what needs the VA as the running
 * daemon knows it. Screenshots go to test-results/status-page/.
 */

// Wednesday 25 November 2026, 20:00 UTC: after Acme's hours, two hours before its 22:00 check-in.
const eveningAt = '2026-11-25T20:00:00Z';
const acmeClient = composeAcmeClient(['emergency: { keywords: [urgent, "site down"] }']);
const token = randomBytes(18).toString('hex');
const outputDir = join(import.meta.dirname, '..', '..', 'test-results', 'status-page');
const hostileSubject =
  '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> Quarterly figures';

/**
 * What the page-side functions below touch. The project compiles without the DOM library;
 * these functions run in the browser, where globalThis is the window.
 */
interface PageWindow {
  readonly document: {
    readonly documentElement: {
      readonly dataset: Record<string, string | undefined>;
      readonly scrollWidth: number;
    };
    getElementById(id: string): { readonly dataset: Record<string, string | undefined> } | null;
    dispatchEvent(event: unknown): boolean;
  };
  readonly Event: new (type: string) => unknown;
  readonly __pwned?: unknown;
}

let dovecot: DovecotServer;
let sink: SmtpSink;
const defer = useCleanups();
const services = useMailServices();
beforeEach(() => {
  ({ dovecot, sink } = services());
});

async function startScene(): Promise<{ scene: TestDaemon; port: number }> {
  const scene = await startTestDaemon(dovecot, sink.port, eveningAt, {
    clients: { acme: acmeClient },
    http: { port: 0, host: '0.0.0.0', token },
  });
  defer(() => scene.cleanup());
  const listening = await scene.daemon.waitForLog((line) => line.event === 'http_listening');
  const port = listening['port'];
  if (typeof port !== 'number') throw new Error('http_listening without a port');
  return { scene, port };
}

const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@acme.example`;
const recorded = (messageKey: string, outcome: string) => (line: LogLine) =>
  line.event === 'recorded' && line['outcome'] === outcome && line['messageKey'] === messageKey;

describe('the status page in a real browser', () => {
  it('shows health, the client, held mail, the records and today’s counts after mail of each kind; a hostile subject is text', async () => {
    const { scene, port } = await startScene();
    const jane = unique('jane');
    const reply = composeMail({ from: `Jane Doe <${jane}>`, subject: 'Invoice question' });
    const emergency = composeMail({ from: unique('ceo'), subject: 'URGENT: site down' });
    const robot = composeMail({
      from: unique('news'),
      subject: 'Acme weekly',
      headers: { 'List-Id': '<weekly.acme.example>', Precedence: 'list' },
    });
    const eve = unique('eve');
    const hostile = composeMail({ from: eve, subject: hostileSubject });
    for (const mail of [reply, emergency, robot, hostile]) await scene.mailbox.append(mail.raw);
    const keyOf = async (messageId: string) =>
      (
        await scene.daemon.waitForLog(
          (line) => line.event === 'decision' && line['messageId'] === messageId,
        )
      )['messageKey'] as string;
    const keys = {
      reply: await keyOf(reply.messageId),
      emergency: await keyOf(emergency.messageId),
      robot: await keyOf(robot.messageId),
      hostile: await keyOf(hostile.messageId),
    };
    await scene.daemon.waitForLog(recorded(keys.reply, 'replied'));
    await scene.daemon.waitForLog(recorded(keys.emergency, 'forwarded'));
    await scene.daemon.waitForLog(recorded(keys.emergency, 'replied'));
    await scene.daemon.waitForLog(recorded(keys.robot, 'held'));
    await scene.daemon.waitForLog(recorded(keys.hostile, 'replied'));

    const browser = await launchChromium({ width: 1280, height: 900 });
    defer(() => browser.close());
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await page.goto(`http://127.0.0.1:${port}/status?token=${token}`);
    expect(response?.status()).toBe(200);
    await page.waitForFunction(
      () => (globalThis as unknown as PageWindow).document.documentElement.dataset['live'] === 'on',
    );

    expect(await page.title()).toBe('offhours · Dana Reyes');
    expect(await page.locator('.top .pill').textContent()).toBe('All good');
    const health = await page.locator('#health').innerText();
    expect(health).toMatch(/Mailbox\s+Watching/);
    expect(health).toMatch(/Redis\s+Connected/);
    expect(health).toMatch(/Sending \(SMTP\)\s+Ready/);
    expect(health).toMatch(/Logins\s+Password/);

    const client = await page.locator('#client-acme').innerText();
    expect(client).toContain('Acme Corp');
    expect(client).toContain('3 held');
    expect(client).toContain('Out of hours · back today at 22:00');
    expect(await page.locator('#client-acme svg.timeline rect.tl-work').count()).toBeGreaterThan(0);
    expect(
      await page.locator('#client-acme svg.timeline circle.tl-checkin').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('#client-acme svg.timeline line.tl-now').count()).toBe(1);

    const held = page.locator('#held li');
    expect(await held.count()).toBe(3);
    const heldText = await page.locator('#held').innerText();
    expect(heldText).toContain('Invoice question');
    expect(heldText).toContain('Acme weekly');
    expect(heldText.match(/Back today at 22:00/g)).toHaveLength(3);

    const records = await page.locator('#records').innerText();
    expect(records).toContain('forwarded to sam@studio.example');
    expect(records).toContain('URGENT: site down');
    const repliedTo = (subject: string) =>
      page
        .locator('#records li', { hasText: subject })
        .filter({ has: page.locator('.o-replied') })
        .count();
    expect(await repliedTo('Invoice question')).toBe(1);
    expect(await repliedTo('Quarterly figures')).toBe(1);
    expect(records).toContain('held until 22:00');
    expect(records).toContain('mailing list');
    expect(await page.locator('#records .tag.robot').count()).toBeGreaterThan(0);
    expect(await page.locator('#records .tag.urgent').count()).toBeGreaterThan(0);

    const counts = async (key: string) =>
      Number(await page.locator(`#today .count-${key} b`).textContent());
    expect(await counts('received')).toBe(4);
    expect(await counts('forwarded')).toBe(1);
    expect(await counts('robots')).toBe(1);
    expect(await counts('held')).toBe(3);
    expect(await counts('replied')).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#on-call').innerText()).toContain('Sam Ortiz');

    // The hostile subject is shown as the characters it is, in the held list and the
    // records, and neither its script nor its image ran or even became an element.
    const shown = page.getByText('<script>window.__pwned = true</script><img src=x', {
      exact: false,
    });
    expect(await shown.count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageWindow).__pwned)).toBe(
      'undefined',
    );
    expect(await page.locator('#status script, #status img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);

    // It refreshes itself: showing the tab again fetches the page and swaps in a newer one.
    const before = await page.locator('#status').getAttribute('data-at');
    await page.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      window.document.dispatchEvent(new window.Event('visibilitychange'));
    });
    await page.waitForFunction(
      (at) =>
        (globalThis as unknown as PageWindow).document.getElementById('status')?.dataset['at'] !==
        at,
      before,
    );
    expect(await page.locator('#held li').count()).toBe(3);
    expect(await page.evaluate(() => typeof (globalThis as unknown as PageWindow).__pwned)).toBe(
      'undefined',
    );
    expect(problems, problems.join('\n')).toEqual([]);

    await mkdir(outputDir, { recursive: true });
    const desktop = join(outputDir, 'status-page-desktop.png');
    await page.screenshot({ path: desktop, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // A phone: nothing wider than the screen.
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageWindow).document.documentElement.scrollWidth,
      ),
    ).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(outputDir, 'status-page-phone.png'), fullPage: true });
    expect(sink.messages.length).toBeGreaterThanOrEqual(4);
  });

  it('bound to 0.0.0.0 with a token: 401 and nothing else without it, 200 with it as a bearer or ?token=', async () => {
    const { scene, port } = await startScene();
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}${path}`, { headers });
    for (const [path, headers] of [
      ['/status', {}],
      ['/status.json', {}],
      [`/status?token=not-${token}`, {}],
      ['/status.json', { authorization: `Bearer not-${token}` }],
    ] as const) {
      const refused = await get(path, headers);
      expect(refused.status, path).toBe(401);
      expect(await refused.text()).toBe('');
    }
    const bearer = await get('/status', { authorization: `Bearer ${token}` });
    expect(bearer.status).toBe(200);
    expect(await bearer.text()).toContain('<title>offhours · Dana Reyes</title>');
    const query = await get(`/status?token=${token}`);
    expect(query.status).toBe(200);
    await query.body?.cancel();
    const json = await get(`/status.json?token=${token}`);
    expect(json.status).toBe(200);
    const view = (await json.json()) as { clients: { id: string; stateText: string }[] };
    expect(view.clients).toEqual([
      expect.objectContaining({ id: 'acme', stateText: 'Out of hours' }),
    ]);
    const jsonBearer = await get('/status.json', { authorization: `Bearer ${token}` });
    expect(jsonBearer.status).toBe(200);
    await jsonBearer.body?.cancel();
    // The token never reaches the log.
    expect(JSON.stringify(scene.daemon.logs)).not.toContain(token);
  });

  it('lists what needs the VA from the running daemon: a reply refused for good, a rejected config edit until it is fixed', async () => {
    const { scene, port } = await startScene();
    const view = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/status.json?token=${token}`);
      expect(response.status).toBe(200);
      return (await response.json()) as {
        attention: { kind: string; title: string; detail: string }[];
        health: { part: string; state: string }[];
      };
    };
    sink.failNext(550, 'No such user here');
    const jane = unique('jane');
    const refused = composeMail({ from: jane, subject: 'Refused reply' });
    await scene.mailbox.append(refused.raw);
    await scene.daemon.waitForLog(
      (line) => line.event === 'recorded' && line['outcome'] === 'failed',
    );
    const clientPath = join(scene.configDir, 'clients', 'acme.yaml');
    const good = await readFile(clientPath, 'utf8');
    await writeFile(clientPath, good.replace('09:00-17:00', '09:00-1700'));
    await scene.daemon.waitForLog((line) => line.event === 'config_rejected');

    const broken = await view();
    expect(broken.attention.map((item) => item.kind)).toEqual(['config-rejected', 'smtp-refused']);
    expect(broken.attention[0]?.detail).toContain(
      "clients/acme.yaml line 5, hours.mon-fri[0]: '09:00-1700' is not HH:MM-HH:MM",
    );
    expect(broken.attention[1]?.detail).toContain(`from ${jane}, “Refused reply”. SMTP_PERMANENT`);
    expect(broken.health.find((item) => item.part === 'smtp')?.state).toBe('bad');
    const page = await (await fetch(`http://127.0.0.1:${port}/status?token=${token}`)).text();
    expect(page).toContain('<span class="pill bad">2 things need you</span>');

    await writeFile(clientPath, good);
    await scene.daemon.waitForLog((line) => line.event === 'config_reloaded');
    expect((await view()).attention.map((item) => item.kind)).toEqual(['smtp-refused']);
  });
});
