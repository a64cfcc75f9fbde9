import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { clientFileSchema, offhoursFileSchema } from '../../../src/config/config-schema.js';

const schemaDir = join(import.meta.dirname, '..', '..', '..', 'config', 'schema');

describe('config/schema', () => {
  it.each([
    { file: 'offhours.schema.json', schema: offhoursFileSchema },
    { file: 'client.schema.json', schema: clientFileSchema },
  ])(
    '$file matches the zod schema (npx tsx scripts/generate-json-schema.ts)',
    async ({ file, schema }) => {
      const written: unknown = JSON.parse(await readFile(join(schemaDir, file), 'utf8'));
      expect(written).toEqual(z.toJSONSchema(schema, { io: 'input' }));
    },
  );
});
