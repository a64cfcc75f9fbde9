import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDigest } from '../src/records/compose-digest.js';
import {
  sampleDigestContext,
  sampleDigestRecords,
} from '../test/fixtures/digest/sample-digest-records.js';

/*
 * Writes docs/sample-digest.txt and docs/sample-digest.html: the digest composeDigest makes
 * of a realistic evening (test/fixtures/digest/sample-digest-records.ts), never edited by
 * hand (`npm run docs:sample-digest`). With --check, exits 1 when they are not what the
 * composer makes now; a unit test checks the same, and that README.md shows the text.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const digest = composeDigest(sampleDigestRecords, sampleDigestContext);
if (digest === null) throw new Error('the sample records make no digest');
const outputs = [
  {
    file: join(root, 'docs', 'sample-digest.txt'),
    text: `Subject: ${digest.subject}\n\n${digest.text}`,
  },
  { file: join(root, 'docs', 'sample-digest.html'), text: digest.html },
];

const isCheck = process.argv.includes('--check');
let stale = 0;
for (const { file, text } of outputs) {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) continue;
  const shown = relative(process.cwd(), file);
  if (isCheck) {
    console.error(`${shown} is not what the composer makes: run npm run docs:sample-digest`);
    stale += 1;
  } else {
    await writeFile(file, text);
    console.log(`wrote ${shown}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
