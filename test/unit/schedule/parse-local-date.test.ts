import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../../src/schedule/parse-local-date.js';

describe('parseLocalDate', () => {
  it.each([
    ['1970-01-01', 0],
    ['2026-03-08', 20_520],
    ['2028-02-29', 21_243],
    ['1969-12-31', -1],
  ])('counts %s as day %d', (text, day) => {
    expect(parseLocalDate(text)).toBe(day);
  });

  it.each(['2027-02-29', '2026-13-01', '2026-04-31', '0099-01-01', '2026-3-8', '2026-03-08T00:00'])(
    'rejects %s',
    (text) => {
      expect(parseLocalDate(text)).toBeUndefined();
    },
  );
});
