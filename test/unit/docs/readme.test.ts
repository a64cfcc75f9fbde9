import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  configReferenceMarkers,
  describeConfigReference,
  listDocumentedKeys,
} from '../../../src/config/describe-config-reference.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { errorCodes } from '../../../src/errors/error-codes.js';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = await readFile(join(root, 'README.md'), 'utf8');

/** The text of a `## heading` section, up to the next heading of that level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no section ## ${heading}`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The first cell of each table row that starts with a code span, e.g. `CONFIG_INVALID`. */
function firstCodeCells(text: string): string[] {
  return [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1] ?? '');
}

/** The next ```yaml block after the line `label`. */
function yamlExampleAfter(label: string): string {
  const at = readme.indexOf(`\n${label}\n`);
  if (at === -1) throw new Error(`README.md has no line ${label}`);
  const block = /```yaml\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (block?.[1] === undefined) throw new Error(`README.md has no yaml block after ${label}`);
  return `${block[1]}\n`;
}

describe('README.md', () => {
  it('has the configuration reference the schemas generate (npm run schema:generate)', () => {
    const start =
      readme.indexOf(configReferenceMarkers.start) + configReferenceMarkers.start.length;
    const end = readme.indexOf(configReferenceMarkers.end);
    expect(readme.slice(start, end)).toBe(`\n${describeConfigReference()}`);
  });

  it('states the same default in a description as the schema sets', () => {
    const { global, client } = listDocumentedKeys();
    const both = [...global, ...client].flatMap((key) =>
      key.schemaDefault === undefined || key.describedDefault === undefined
        ? []
        : [{ path: key.path, described: key.describedDefault, schema: key.schemaDefault.value }],
    );
    expect(both.length).toBeGreaterThan(0);
    for (const { path, described, schema } of both) {
      expect({ path, default: described }).toEqual({ path, default: stringify(schema).trim() });
    }
  });

  it('lists exactly the error codes of src/errors/error-codes.ts under Troubleshooting', () => {
    const listed = firstCodeCells(section('Troubleshooting'));
    expect([...listed].sort()).toEqual(Object.keys(errorCodes).sort());
  });

  it('names only commands that src/cli/main.ts registers', async () => {
    const main = await readFile(join(root, 'src', 'cli', 'main.ts'), 'utf8');
    const commands = firstCodeCells(section('Commands')).map(
      (cell) => /^offhours ([a-z-]+)/.exec(cell)?.[1] ?? cell,
    );
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(main).toContain(`.command('${command}')`);
  });

  it('shows example config files that load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'offhours-readme-'));
    try {
      await mkdir(join(dir, 'clients'));
      await writeFile(
        join(dir, 'offhours.yaml'),
        yamlExampleAfter('`config/offhours.example.yaml`:'),
      );
      await writeFile(
        join(dir, 'clients', 'acme.yaml'),
        yamlExampleAfter('`config/clients/acme.yaml`:'),
      );
      // The acme example reads ./calendars/time-off.ics next to it.
      await cp(join(root, 'config', 'clients', 'calendars'), join(dir, 'clients', 'calendars'), {
        recursive: true,
      });
      const config = await loadConfig(join(dir, 'offhours.yaml'), {
        env: { IMAP_PASS: 'imap-secret', SMTP_PASS: 'smtp-secret' },
        now: new Date('2026-11-20T12:00:00Z'),
      });
      expect(
        config.clients.map((client) => ({ id: client.id, timeZone: client.schedule.timeZone })),
      ).toEqual([{ id: 'acme', timeZone: 'America/New_York' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
