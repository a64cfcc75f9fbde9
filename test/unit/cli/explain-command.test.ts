import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCommand } from '../../../src/cli/explain-command.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { OffhoursConfig } from '../../../src/config/offhours-config.js';
import { reasonCodes, type ReasonCode } from '../../../src/triage/reason-codes.js';

const root = join(import.meta.dirname, '..', '..', '..');
const fixtureDir = join(root, 'test', 'fixtures', 'mail');
const env = { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' };

/** Fri 27 Nov 2026 15:00 in New York (Acme's day off) and Sat 07:00 in Sydney (Bloom working). */
const at = new Date('2026-11-27T20:00:00Z');
/** Fri 27 Nov 2026 21:00 in Sydney: Bloom out of hours, Sam on call. */
const bloomEvening = new Date('2026-11-27T10:00:00Z');

const documentedKeys = [
  'file',
  'kind',
  'client',
  'available',
  'automated',
  'emergency',
  'actions',
  'resumeAt',
  'backup',
  'reply',
  'reasons',
];

let config: OffhoursConfig;
let fixtures: string[];
let scratch: string;

beforeAll(async () => {
  config = await loadConfig(join(root, 'config', 'offhours.example.yaml'), { env, now: at });
  fixtures = (await readdir(fixtureDir))
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => join(fixtureDir, name));
  scratch = await mkdtemp(join(tmpdir(), 'offhours-explain-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function explain(
  files: readonly string[],
  options: { json: boolean; at?: Date },
): Promise<{ code: number; writes: string[] }> {
  const writes: string[] = [];
  const code = await explainCommand(files, config, {
    at: options.at ?? at,
    json: options.json,
    write: (text) => writes.push(text),
  });
  return { code, writes };
}

function parseLines(writes: readonly string[]): Record<string, unknown>[] {
  const text = writes.join('');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('explainCommand --json', () => {
  it('writes one object per fixture, in argument order, with exactly the documented keys', async () => {
    const files = [...fixtures].reverse();
    const { code, writes } = await explain(files, { json: true });
    const lines = parseLines(writes);
    expect(code).toBe(0);
    expect(writes).toHaveLength(files.length);
    expect(lines.map((line) => line['file'])).toEqual(files);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(documentedKeys);
      expect(Object.keys(reasonCodes)).toEqual(
        expect.arrayContaining(line['reasons'] as ReasonCode[]),
      );
    }
  });

  it.each<[fixture: string, when: Date, expected: Record<string, unknown>]>([
    [
      'human-out-of-hours-request.eml',
      at,
      {
        client: 'acme',
        available: false,
        automated: false,
        emergency: false,
        actions: ['reply', 'hold'],
        resumeAt: '2026-11-28T13:30:00.000Z',
        backup: null,
        reasons: ['CLIENT_MATCHED_DOMAIN', 'UNAVAILABLE_DAY_OFF', 'ACTION_REPLY_AND_HOLD'],
      },
    ],
    [
      'dsn-bounce-multipart-report.eml',
      at,
      {
        client: null,
        available: null,
        automated: true,
        emergency: false,
        actions: [],
        resumeAt: null,
        backup: null,
        reply: null,
        reasons: [
          'CLIENT_UNKNOWN_IGNORED',
          'AUTO_NULL_RETURN_PATH',
          'AUTO_SUBMITTED',
          'AUTO_SYSTEM_SENDER',
          'AUTO_REPORT',
          'AUTO_NDR_SUBJECT',
          'ACTION_NONE',
        ],
      },
    ],
    [
      'exchange-oof.eml',
      at,
      {
        client: 'acme',
        automated: true,
        actions: ['hold'],
        reply: null,
        reasons: [
          'CLIENT_MATCHED_DOMAIN',
          'UNAVAILABLE_DAY_OFF',
          'AUTO_SUBMITTED',
          'AUTO_RESPONSE_SUPPRESSED',
          'AUTO_REPLY_SUBJECT',
          'ACTION_HOLD',
        ],
      },
    ],
    [
      'missing-from-date-message-id.eml',
      at,
      { client: null, actions: [], reasons: ['NO_SENDER', 'ACTION_NONE'] },
    ],
    [
      'urgent-request.eml',
      at,
      {
        client: 'bloom',
        available: true,
        emergency: true,
        actions: [],
        reasons: [
          'CLIENT_MATCHED_DOMAIN',
          'AVAILABLE_IN_HOURS',
          'EMERGENCY_KEYWORD',
          'ACTION_NONE',
        ],
      },
    ],
    [
      'urgent-request.eml',
      bloomEvening,
      {
        client: 'bloom',
        available: false,
        emergency: true,
        actions: ['forward', 'reply'],
        resumeAt: '2026-11-27T11:00:00.000Z',
        backup: 'sam@studio.example',
        reply: {
          to: 'marco@bloom.example',
          subject: 'Auto: URGENT: checkout is broken',
          body: expect.stringContaining('passed your message to Sam Ortiz') as unknown,
        },
      },
    ],
    [
      'reply-quoting-urgent.eml',
      bloomEvening,
      {
        client: 'bloom',
        emergency: false,
        actions: ['reply', 'hold'],
        reply: {
          to: 'marco@bloom.example',
          subject: 'Auto: Re: checkout problem',
          body: expect.stringContaining('will read it today at 22:00') as unknown,
        },
      },
    ],
  ])('%s at %s', async (fixture, when, expected) => {
    const { code, writes } = await explain([join(fixtureDir, fixture)], { json: true, at: when });
    expect(code).toBe(0);
    expect(parseLines(writes)[0]).toMatchObject(expected);
  });

  it('reports an unreadable file as { file, error }, exits 1 and still decides the others', async () => {
    const missing = join(scratch, 'missing.eml');
    const files = [fixtures[0] ?? '', missing, scratch, fixtures[1] ?? ''];
    const { code, writes } = await explain(files, { json: true });
    const lines = parseLines(writes);
    expect(code).toBe(1);
    expect(lines.map((line) => line['file'])).toEqual(files);
    expect(lines[1]).toEqual({
      file: missing,
      error: `MESSAGE_UNREADABLE: cannot read ${missing} (ENOENT)`,
    });
    expect(lines[2]).toEqual({
      file: scratch,
      error: `MESSAGE_UNREADABLE: cannot read ${scratch} (EISDIR)`,
    });
    expect(Object.keys(lines[0] ?? {})).toEqual(documentedKeys);
    expect(Object.keys(lines[3] ?? {})).toEqual(documentedKeys);
  });

  it('adds parser warnings as the last key, only when there are some', async () => {
    const empty = join(scratch, 'empty.eml');
    await writeFile(empty, '');
    const { code, writes } = await explain([empty], { json: true });
    const [line] = parseLines(writes);
    expect(code).toBe(0);
    expect(Object.keys(line ?? {})).toEqual([...documentedKeys, 'warnings']);
    expect(line?.['warnings']).toEqual(['The message is empty.']);
  });
});

describe('explainCommand text', () => {
  it('names each file and lists every reason code with its meaning', async () => {
    const { code, writes } = await explain(fixtures, { json: false });
    expect(code).toBe(0);
    expect(writes).toHaveLength(fixtures.length);
    const jsonLines = parseLines((await explain(fixtures, { json: true })).writes);
    writes.forEach((block, index) => {
      const reasons = jsonLines[index]?.['reasons'] as ReasonCode[];
      expect(block).toContain(`(${fixtures[index] ?? ''})`);
      expect(block).toMatch(/\n {2}actions {2}\S/);
      for (const reason of reasons)
        expect(block).toContain(`${reason.padEnd(30)} ${reasonCodes[reason]}`);
    });
  });

  it('reads as a person would expect for an out-of-hours request', async () => {
    const file = join(fixtureDir, 'human-out-of-hours-request.eml');
    const { writes } = await explain([file], { json: false });
    expect(writes.join('').split('\n').slice(0, 7)).toEqual([
      `human-out-of-hours-request.eml  (${file})`,
      '  from     Olivia Park <olivia.park@acme.example>',
      '  subject  Q3 budget review – can you send the deck?',
      '  client   Acme Corp (acme), time zone America/New_York',
      '  at       Friday 27 November 2026, 15:00 their time: not working hours',
      '  actions  send an out-of-office reply, then hold in the hold folder until the next check-in',
      '  back     tomorrow at 08:30 (2026-11-28T13:30:00.000Z)',
    ]);
  });

  it('says which backup an emergency goes to', async () => {
    const { writes } = await explain([join(fixtureDir, 'urgent-request.eml')], {
      json: false,
      at: bloomEvening,
    });
    expect(writes.join('')).toContain(
      '  actions  forward to Sam Ortiz <sam@studio.example>, then acknowledge the emergency\n',
    );
  });

  it('shows an unreadable file as an ERROR line', async () => {
    const missing = join(scratch, 'gone.eml');
    const { code, writes } = await explain([missing], { json: false });
    expect(code).toBe(1);
    expect(writes).toEqual([
      `gone.eml  (${missing})\n  ERROR MESSAGE_UNREADABLE: cannot read ${missing} (ENOENT)\n\n`,
    ]);
  });
});
