import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMessage } from '../../src/mail/parse-message.js';
import { decide } from '../../src/triage/decide.js';
import type { ReasonCode } from '../../src/triage/reason-codes.js';
import { catchAllConfig, corpusInstant } from './catch-all-config.js';
import { corpusDir, type CorpusEntry } from './corpus-manifest.js';

export interface CorpusVerdict {
  readonly entry: CorpusEntry;
  readonly replied: boolean;
  /** Replied for person mail, not replied for every robot category. */
  readonly correct: boolean;
  readonly reasons: readonly ReasonCode[];
  readonly subject: string;
  readonly from: string;
}

/** Parses and decides every corpus message with the catch-all client, in manifest order. */
export async function judgeCorpus(
  entries: readonly CorpusEntry[],
  dir: string = corpusDir,
): Promise<CorpusVerdict[]> {
  const verdicts: CorpusVerdict[] = [];
  for (const entry of entries) {
    const source = await readFile(join(dir, entry.file));
    const { facts } = await parseMessage(source);
    const decision = decide(facts, catchAllConfig, corpusInstant);
    const replied = 'reply' in decision;
    verdicts.push({
      entry,
      replied,
      correct: entry.category === 'person' ? replied : !replied,
      reasons: decision.reasons,
      subject: facts.subject,
      from: facts.from?.address ?? facts.returnPath ?? '',
    });
  }
  return verdicts;
}
