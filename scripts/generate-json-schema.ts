import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { clientFileSchema, offhoursFileSchema } from '../src/config/config-schema.js';

/*
 * Writes the JSON Schemas editors use to check and complete config files
 * (`npx tsx scripts/generate-json-schema.ts`); with --check, only reports, and exits 1 when a
 * file is not what the zod schemas generate, so CI catches a schema change without a regenerate.
 */

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'config', 'schema');

const outputs = [
  { file: join(schemaDir, 'offhours.schema.json'), schema: offhoursFileSchema },
  { file: join(schemaDir, 'client.schema.json'), schema: clientFileSchema },
];

function renderSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

const isCheck = process.argv.includes('--check');
let stale = 0;
for (const { file, schema } of outputs) {
  const expected = renderSchema(schema);
  const shown = relative(process.cwd(), file);
  if ((await readIfPresent(file)) === expected) continue;
  if (isCheck) {
    stale += 1;
    console.error(`${shown} is out of date: run npx tsx scripts/generate-json-schema.ts`);
  } else {
    await writeFile(file, expected);
    console.log(`wrote ${shown}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
