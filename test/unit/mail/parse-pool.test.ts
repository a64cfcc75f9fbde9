import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/mail/parse-pool.js';
import { parseMessage } from '../../../src/mail/parse-message.js';

const message = (subject: string) =>
  Buffer.from(
    [
      'From: Olivia Park <olivia.park@acme.example>',
      'To: dana@studio.example',
      `Subject: ${subject}`,
      'Message-ID: <m1@acme.example>',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Could you send me the deck?</p>',
      '',
    ].join('\r\n'),
  );

/**
 * A worker started from the sources compiles its TypeScript on its first message, which on a
 * loaded 2-core machine can take longer than the daemon's 2 s budget: the tests that are not
 * about the budget give it room.
 */
const roomyBudgetMs = 30_000;

describe('ParsePool', () => {
  const pools: ParsePool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  it('gives the same facts as parsing in the main thread', async () => {
    const pool = new ParsePool({ workers: 2, budgetMs: roomyBudgetMs });
    pools.push(pool);
    const sources = ['one', 'two', 'three', 'four', 'five'].map(message);
    const results = await Promise.all(sources.map((source) => pool.parse(source)));
    for (const [index, result] of results.entries()) {
      const direct = await parseMessage(sources[index] as Buffer);
      expect(result.slow).toBe(false);
      expect(result.facts).toEqual(direct.facts);
    }
  });

  it('keeps a header named __proto__ an ordinary header after the thread hop', async () => {
    const pool = new ParsePool({ workers: 1, budgetMs: roomyBudgetMs });
    pools.push(pool);
    const source = Buffer.concat([Buffer.from('__proto__: x\r\n'), message('proto')]);
    const { facts } = await pool.parse(source);
    expect(Object.getPrototypeOf(facts.headers)).toBeNull();
    expect(facts.headers['__proto__']).toEqual(['x']);
  });

  it('decides a message over budget from its headers and goes on with the next', async () => {
    // A budget no body can meet: every parse ends in the fallback, and the pool must still
    // answer each message, in order, with fresh workers.
    const pool = new ParsePool({ workers: 1, budgetMs: 0 });
    pools.push(pool);
    const first = await pool.parse(message('first'));
    const second = await pool.parse(message('second'));
    for (const [result, subject] of [
      [first, 'first'],
      [second, 'second'],
    ] as const) {
      expect(result.slow).toBe(true);
      expect(result.facts.subject).toBe(subject);
      expect(result.facts.from?.address).toBe('olivia.park@acme.example');
      expect(result.facts.text).toBe('');
      expect(result.warnings[0]).toMatch(/not parsed within 0 ms/);
    }
  });

  it('keeps no process alive once its work is done', async () => {
    // The daemon's shared pool in a child process: the child must end by itself after the
    // parse, as the demo and the CLI do; a ref'd worker port would keep it running forever.
    const poolPath = fileURLToPath(new URL('../../../src/mail/parse-pool.ts', import.meta.url));
    const script = [
      `import { parseWithinBudget } from ${JSON.stringify(poolPath)};`,
      "const parsed = await parseWithinBudget(Buffer.from('From: a@b.example\\r\\nSubject: done\\r\\n\\r\\nhi'));",
      'console.log(parsed.facts.subject);',
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'done' });
  });
});
