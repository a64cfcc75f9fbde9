import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/create-logger.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line to the destination, secrets redacted', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream });
    logger.info({ event: 'config_loaded', imap: { pass: 'hunter2', host: 'imap.example' } }, 'hi');
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      event: 'config_loaded',
      msg: 'hi',
      name: 'offhours',
      imap: { pass: '[redacted]', host: 'imap.example' },
    });
  });

  it('pretty: a readable line with the level, message and fields, not JSON, secrets redacted', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: true });
    logger.warn(
      { event: 'watcher_state', state: 'disconnected', smtp: { pass: 'hunter2' } },
      'watcher disconnected',
    );
    const text = out.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text).toMatch(/WARN.*watcher disconnected/);
    expect(text).toContain('"event":"watcher_state"');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('hunter2');
    // A destination other than a terminal gets no colour codes.
    expect(text).not.toContain('\u001b[');
  });

  it('respects the level', () => {
    const out = capture();
    createLogger({ destination: out.stream, level: 'warn' }).info({ event: 'x' }, 'quiet');
    expect(out.text()).toBe('');
  });
});
