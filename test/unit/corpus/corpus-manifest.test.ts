import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  corpusCategories,
  corpusDir,
  readCorpusManifest,
  type CorpusEntry,
} from '../../../scripts/corpus-support/corpus-manifest.js';

/* The real-mail corpus (test/corpus/README.md) is what its manifest says, file for file. */

let entries: CorpusEntry[] = [];

beforeAll(async () => {
  entries = await readCorpusManifest();
});

async function listFiles(dir: string): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true });
  return found
    .filter((entry) => entry.isFile())
    .map((entry) => relative(corpusDir, join(entry.parentPath, entry.name)));
}

describe('corpus manifest', () => {
  it('lists every message file once, and only files that exist', async () => {
    const files = [
      ...(await listFiles(join(corpusDir, 'messages'))),
      ...(await listFiles(join(corpusDir, 'samples'))),
    ].sort();
    const listed = entries.map((entry) => entry.file).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(files);
  });

  it('holds at least 600 real messages from public fixtures', () => {
    const fixtures = entries.filter((entry) => entry.origin === 'fixture');
    expect(fixtures.length).toBeGreaterThanOrEqual(600);
  });

  it.each(corpusCategories)('has %s messages', (category) => {
    expect(entries.some((entry) => entry.category === category)).toBe(true);
  });

  it('keeps written samples under samples/<category>/ and fixtures under messages/<repo>/', () => {
    const misplaced = entries.filter((entry) =>
      entry.origin === 'written'
        ? !entry.file.startsWith(`samples/${entry.category}/`)
        : !entry.file.startsWith(`messages/${(entry.repo ?? '').replace('/', '+')}/`),
    );
    expect(misplaced.map((entry) => entry.file)).toEqual([]);
  });
});
