import { describe, expect, it } from 'vitest';
import { isPrettyLogWanted } from '../../../src/observability/is-pretty-log-wanted.js';

describe('isPrettyLogWanted', () => {
  it.each([
    [true, undefined, true],
    [false, undefined, false],
    [true, 'json', false],
    [false, 'pretty', true],
    [true, 'something-else', true],
    [false, 'something-else', false],
  ] as const)('terminal %s, LOG_FORMAT %s: %s', (isTty, format, expected) => {
    expect(isPrettyLogWanted(isTty, format)).toBe(expected);
  });
});
