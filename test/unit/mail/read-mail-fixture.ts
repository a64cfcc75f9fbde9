import { readFileSync } from 'node:fs';

const fixtureFolder = new URL('../../fixtures/mail/', import.meta.url);

/** The raw bytes of one test/fixtures/mail/*.eml file. */
export function readMailFixture(name: string): Buffer {
  return readFileSync(new URL(name, fixtureFolder));
}
