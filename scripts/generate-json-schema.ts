import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { clientFileSchema, offhoursFileSchema } from '../src/config/config-schema.js';
import {
  listDocumentedKeys,
  replaceConfigReference,
} from '../src/config/describe-config-reference.js';

/*
 * Writes what is generated from the zod config schemas: the JSON Schemas editors use to check
 * and complete config files, and the configuration reference in README.md
 * (`npm run schema:generate`). With --check, only reports, and exits 1 when a file is not what
 * the zod schemas generate, so CI catches a schema change without a regenerate.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'config', 'schema');

function renderSchema(schema: z.ZodType): () => string {
  return () => `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
}

// Each output is rendered from its current text, so the README keeps everything outside its markers.
const outputs: { file: string; render: (current: string | undefined) => string }[] = [
  { file: join(schemaDir, 'offhours.schema.json'), render: renderSchema(offhoursFileSchema) },
  { file: join(schemaDir, 'client.schema.json'), render: renderSchema(clientFileSchema) },
  { file: join(root, 'README.md'), render: (current) => replaceConfigReference(current ?? '') },
];

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

// Rendered anyway, but a key without a description is a gap in the schemas to fix there.
const { global, client } = listDocumentedKeys();
for (const [file, keys] of [
  ['offhours.yaml', global],
  ['client file', client],
] as const) {
  for (const key of keys.filter((candidate) => !candidate.description)) {
    console.warn(
      `warning: ${file} key ${key.path} has no description (beyond a default) in src/config/config-schema.ts`,
    );
  }
}

const isCheck = process.argv.includes('--check');
let stale = 0;
for (const { file, render } of outputs) {
  const current = await readIfPresent(file);
  const expected = render(current);
  const shown = relative(process.cwd(), file);
  if (current === expected) continue;
  if (isCheck) {
    stale += 1;
    console.error(`${shown} is out of date: run npm run schema:generate`);
  } else {
    await writeFile(file, expected);
    console.log(`wrote ${shown}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
