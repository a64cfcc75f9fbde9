import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { decide } from '../../../src/triage/decide.js';
import { reasonCodes } from '../../../src/triage/reason-codes.js';
import { makeTriageConfig } from '../../support/make-config.js';

const decisionKinds = ['ignore', 'leave', 'hold', 'reply-and-hold', 'forward', 'forward-and-reply'];

/*
 * Mutation fuzzing of the whole path from bytes to decision: every fixture, damaged in
 * seeded random ways (flipped bytes, truncation, duplicated and mangled header lines,
 * binary junk, CR/LF soup), must parse without throwing and get a well-formed decision.
 * The seed makes any failure reproducible.
 */

const fixtureDir = join(import.meta.dirname, '..', '..', 'fixtures', 'mail');
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.eml'))
  .map((name) => ({ name, bytes: readFileSync(join(fixtureDir, name)) }));

/** xorshift32: small, fast, and the same sequence on every machine. */
function createRandom(seed: number): (limit: number) => number {
  let state = seed >>> 0 || 1;
  return (limit) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % limit;
  };
}

const mutations: ((bytes: Buffer, random: (limit: number) => number) => Buffer)[] = [
  (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let i = 0; i < 1 + random(20); i += 1) copy[random(copy.length)] = random(256);
    return copy;
  },
  (bytes, random) => bytes.subarray(0, random(bytes.length + 1)),
  (bytes, random) => {
    const lines = bytes.toString('latin1').split('\n');
    const line = lines[random(Math.min(lines.length, 15))] ?? '';
    lines.splice(random(lines.length), 0, ...Array.from({ length: 1 + random(50) }, () => line));
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  (bytes, random) => {
    const junk = Buffer.from(Array.from({ length: random(4096) }, () => random(256)));
    const at = random(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
  },
  (bytes, random) =>
    Buffer.from(
      bytes
        .toString('latin1')
        .replace(/\r?\n/g, () => ['\n', '\r\n', '\r', '\n\n', '\r\r\n', ''][random(6)] ?? '\n'),
      'latin1',
    ),
  (bytes, random) =>
    Buffer.from(
      bytes
        .toString('latin1')
        .replace(/^([A-Za-z-]+):/gm, (whole, name: string) =>
          random(3) === 0
            ? `${name.toUpperCase()} :`
            : random(3) === 0
              ? `${name}:=?x-bogus?Q?${'=FF'.repeat(random(40))}?=`
              : whole,
        ),
      'latin1',
    ),
];

const config = makeTriageConfig();
const instants = ['2026-11-27T15:00:00Z', '2026-11-28T03:30:00Z', '2026-03-08T07:30:00Z'].map(
  (iso) => new Date(iso),
);
const knownReasons = new Set(Object.keys(reasonCodes));

describe('fuzzed mail', () => {
  it.each([1, 2, 3, 4])(
    'parses and decides 400 damaged messages without throwing (seed %i)',
    async (seed) => {
      const random = createRandom(seed * 7919);
      for (let round = 0; round < 400; round += 1) {
        const fixture = fixtures[random(fixtures.length)];
        const mutate = mutations[random(mutations.length)];
        if (fixture === undefined || mutate === undefined)
          throw new Error('empty fixture or mutation list');
        const damaged = mutate(fixture.bytes, random);
        const { facts } = await parseMessage(damaged);
        const decision = decide(facts, config, instants[round % instants.length] ?? new Date(0));
        const context = `${fixture.name}, round ${round}`;
        expect(decision.reasons.length, context).toBeGreaterThan(0);
        expect(
          decision.reasons.every((reason) => knownReasons.has(reason)),
          context,
        ).toBe(true);
        expect(decisionKinds, context).toContain(decision.kind);
        if ('reply' in decision) {
          expect(decision.reply.subject, context).not.toMatch(/[\r\n]/);
          expect(decision.reply.to, context).not.toMatch(/[\s<>]/);
        }
      }
    },
  );
});
