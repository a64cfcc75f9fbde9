import { readCorpusManifest } from './corpus-support/corpus-manifest.js';
import { judgeCorpus } from './corpus-support/judge-corpus.js';
import {
  formatCorpusFailures,
  formatCorpusTable,
  summarizeCorpus,
} from './corpus-support/summarize-corpus.js';

/*
 * How triage handles the real-mail corpus (test/corpus/): every message through parseMessage
 * and decide with a catch-all client outside working hours, a table by category, and with
 * --failures every message handled wrongly with its reasons.
 * `npx tsx scripts/corpus-report.ts [--failures]`
 */

const entries = await readCorpusManifest();
const verdicts = await judgeCorpus(entries);
const rows = summarizeCorpus(verdicts);
console.log(formatCorpusTable(rows));
if (process.argv.includes('--failures')) {
  const failures = formatCorpusFailures(verdicts);
  console.log(`\n${failures === '' ? 'No failures.' : failures}`);
}
