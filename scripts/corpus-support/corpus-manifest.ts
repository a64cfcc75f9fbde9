import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a corpus message IS; every category but 'person' is mail a robot sent. */
export const corpusCategories = [
  'bounce',
  'auto-reply',
  'list',
  'receipt',
  'report',
  'calendar',
  'helpdesk',
  'bulk',
  'spam',
  'transactional',
  'person',
] as const;

export type CorpusCategory = (typeof corpusCategories)[number];

export interface CorpusEntry {
  /** Path under test/corpus/, e.g. 'messages/sisimai+set-of-emails/maildir_bsd_arf-01.eml'. */
  readonly file: string;
  readonly category: CorpusCategory;
  /** 'fixture': copied from a public repository; 'written': a sample written for this corpus. */
  readonly origin: 'fixture' | 'written';
  /** 'rule': a whole fixture directory or name pattern is one kind; 'hand': judged one by one. */
  readonly labelledBy: 'rule' | 'hand';
  /** The labelling rule or the reason for a hand label. */
  readonly rule: string;
  readonly repo?: string;
  readonly commit?: string;
  readonly path?: string;
  readonly license?: string;
  /** For written samples: where the headers it imitates are documented. */
  readonly documentation?: string;
}

export const corpusDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test',
  'corpus',
);

const categorySet: ReadonlySet<string> = new Set(corpusCategories);

/** Reads test/corpus/manifest.json; throws naming the entry when one is malformed. */
export async function readCorpusManifest(dir: string = corpusDir): Promise<CorpusEntry[]> {
  const parsed = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    messages?: unknown;
  };
  if (!Array.isArray(parsed.messages)) {
    throw new Error(`${join(dir, 'manifest.json')}: "messages" must be a list`);
  }
  return parsed.messages.map((value: unknown, index) => checkEntry(value, index));
}

function checkEntry(value: unknown, index: number): CorpusEntry {
  const entry = value as Partial<CorpusEntry> | null;
  const where = `manifest.json messages[${index}]`;
  if (entry === null || typeof entry !== 'object' || typeof entry.file !== 'string') {
    throw new Error(`${where}: "file" is missing`);
  }
  if (typeof entry.category !== 'string' || !categorySet.has(entry.category)) {
    throw new Error(`${where} (${entry.file}): unknown category "${String(entry.category)}"`);
  }
  if (entry.origin !== 'fixture' && entry.origin !== 'written') {
    throw new Error(`${where} (${entry.file}): origin must be "fixture" or "written"`);
  }
  if (entry.labelledBy !== 'rule' && entry.labelledBy !== 'hand') {
    throw new Error(`${where} (${entry.file}): labelledBy must be "rule" or "hand"`);
  }
  if (typeof entry.rule !== 'string' || entry.rule === '') {
    throw new Error(`${where} (${entry.file}): "rule" is missing`);
  }
  if (
    entry.origin === 'fixture' &&
    (typeof entry.repo !== 'string' ||
      typeof entry.commit !== 'string' ||
      typeof entry.path !== 'string')
  ) {
    throw new Error(`${where} (${entry.file}): a fixture needs repo, commit and path`);
  }
  if (entry.origin === 'written' && typeof entry.documentation !== 'string') {
    throw new Error(`${where} (${entry.file}): a written sample needs "documentation"`);
  }
  return entry as CorpusEntry;
}
