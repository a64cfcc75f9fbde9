import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortClosed } from '../../src/sandbox/is-port-closed.js';

/* `npm run demo` as a newcomer runs it: the built CLI in a child process. */

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');

interface DemoRun {
  output(): string;
  /** Resolves when the output contains `text`. */
  waitForOutput(text: string): Promise<void>;
  interrupt(): void;
  exited: Promise<number | null>;
}

function runDemo(args: readonly string[] = [], env: Record<string, string> = {}): DemoRun {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const child = spawn(process.execPath, [cli, 'demo', ...args], {
    env: { ...process.env, ...env },
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const onText = (chunk: Buffer) => {
    text += chunk.toString();
    child.emit('text');
  };
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  return {
    output: () => text,
    waitForOutput: async (wanted) => {
      while (!text.includes(wanted)) {
        if (child.exitCode !== null)
          throw new Error(`the demo exited without printing '${wanted}':\n${text}`);
        await Promise.race([once(child, 'text'), once(child, 'exit')]);
      }
    },
    interrupt: () => child.kill('SIGINT'),
    exited: once(child, 'exit').then(([code]) => code as number | null),
  };
}

/** The loopback ports the demo says its services listen on. */
function listPorts(output: string): number[] {
  return [...output.matchAll(/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
}

describe('offhours demo', () => {
  it('shows a reply, a forward, a hold and a suppressed auto-reply, then stops everything it started', async () => {
    const demo = runDemo(['--at', '2026-11-24T09:30:00Z']);
    expect(await demo.exited).toBe(0);
    const output = demo.output();
    expect(output).toContain('sent an out-of-office reply to ceo@acme.example');
    expect(output).toContain('forwarded the emergency to the backup on call, sam@studio.example');
    // Nobody replies to the forward in the demo: it goes to Priya, then to Dana's own address.
    expect(output).toContain('escalated the emergency to priya@studio.example (step 1)');
    expect(output).toContain(
      'escalated the emergency to dana.reyes@personal.example (step 2): no backup replied to the forward',
    );
    expect(output).toMatch(
      /to priya@studio\.example +"\[Emergency #[0-9a-f]{10}\] Acme Corp: URGENT: site down" +\[escalation; client=acme\]/,
    );
    // Wednesday 25 November is Northwind's day off, within announce.daysBefore: told at start.
    expect(output).toContain(
      'announced the day off on Wednesday 25 November to maya@northwind.example (Northwind Traders)',
    );
    expect(output).toMatch(
      /to maya@northwind\.example +"I'm away on Wednesday 25 November" +\[announce; client=northwind\]/,
    );
    expect(output).toMatch(/hold until Tue 08:30 New York/);
    expect(output).toContain('suppressed a reply to ceo@acme.example');
    expect(output).toContain('leave in inbox');
    expect(output).toContain('All demo services stopped; nothing left running.');
    const ports = listPorts(output);
    expect(ports).toHaveLength(3);
    for (const port of ports) expect(await isPortClosed(port)).toBe(true);
  });

  it('shows an OAuth2 mailbox with --oauth2: signed in with a device code, replies sent over XOAUTH2', async () => {
    const demo = runDemo(['--oauth2', '--at', '2026-11-24T09:30:00Z']);
    expect(await demo.exited).toBe(0);
    const output = demo.output();
    expect(output).toMatch(/OAuth2 an authorization server on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(
      /checked {2}IMAP 127\.0\.0\.1:\d+, SMTP 127\.0\.0\.1:\d+: logins accepted/,
    );
    expect(output).toContain('sent an out-of-office reply to ceo@acme.example');
    expect(output).toContain('forwarded the emergency to the backup on call, sam@studio.example');
    expect(output).toContain('All demo services stopped; nothing left running.');
    expect(output).not.toMatch(/\b(at|rt)-[A-Za-z0-9_-]{20,}/);
    const ports = [...new Set(listPorts(output))];
    expect(ports).toHaveLength(4);
    for (const port of ports) expect(await isPortClosed(port)).toBe(true);
  });

  it('stops everything it started when interrupted with Ctrl-C', async () => {
    const demo = runDemo();
    await demo.waitForOutput('TIME  FROM');
    demo.interrupt();
    expect(await demo.exited).toBe(130);
    expect(demo.output()).toContain('All demo services stopped; nothing left running.');
    const ports = listPorts(demo.output());
    expect(ports).toHaveLength(3);
    for (const port of ports) expect(await isPortClosed(port)).toBe(true);
  });

  it('says which package to install when a service is missing, and leaves nothing running', async () => {
    const demo = runDemo([], { OFFHOURS_TEST_DOVECOT_BIN: 'dovecot-nope' });
    // The process can exit only once the Redis and SMTP sink it did start are stopped.
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(
      'SANDBOX_UNAVAILABLE: dovecot not found (OFFHOURS_TEST_DOVECOT_BIN=dovecot-nope): install the Debian package dovecot-imapd',
    );
    expect(demo.output()).not.toContain('    at ');
  });
});
