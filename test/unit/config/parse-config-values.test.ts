import { describe, expect, it } from 'vitest';
import { parseDateRange } from '../../../src/config/parse-date-range.js';
import { parseDayKey } from '../../../src/config/parse-day-key.js';
import { parseDuration } from '../../../src/config/parse-duration.js';
import { parseWallInterval } from '../../../src/config/parse-wall-interval.js';
import { suggestKey } from '../../../src/config/suggest-key.js';
import { substituteEnv } from '../../../src/config/substitute-env.js';

describe('parseDayKey', () => {
  it.each([
    { key: 'mon', days: [1] },
    { key: 'mon-fri', days: [1, 2, 3, 4, 5] },
    { key: 'fri-mon', days: [1, 5, 6, 7] },
    { key: 'mon,wed,fri', days: [1, 3, 5] },
    { key: 'mon-tue,sat', days: [1, 2, 6] },
    { key: 'daily', days: [1, 2, 3, 4, 5, 6, 7] },
    { key: 'weekdays', days: null },
    { key: 'mon-', days: null },
  ])('reads $key', ({ key, days }) => {
    expect(parseDayKey(key)).toEqual(days);
  });
});

describe('parseWallInterval', () => {
  it.each([
    { text: '09:00-17:00', interval: { start: 540, end: 1020 } },
    { text: '9:30-12:00', interval: { start: 570, end: 720 } },
    { text: '18:00-24:00', interval: { start: 1080, end: 1440 } },
    { text: '22:00-02:00', interval: { start: 1320, end: 1560 } },
    { text: '24:00-02:00', interval: null },
    { text: '13:30-1700', interval: null },
    { text: '09:60-10:00', interval: null },
  ])('reads $text', ({ text, interval }) => {
    expect(parseWallInterval(text)).toEqual(interval);
  });
});

describe('parseDuration', () => {
  it.each([
    { text: '3s', seconds: 3 },
    { text: '90s', seconds: 90 },
    { text: '10m', seconds: 600 },
    { text: '1h', seconds: 3600 },
    { text: '36h', seconds: 129_600 },
    { text: '4d', seconds: 345_600 },
    { text: '1w', seconds: 604_800 },
    { text: '4 days', seconds: null },
    { text: '1.5h', seconds: null },
  ])('reads $text', ({ text, seconds }) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('parseDateRange', () => {
  it.each([
    { text: '2026-11-26', range: { from: '2026-11-26', to: '2026-11-26' } },
    { text: '2026-12-24..2026-12-26', range: { from: '2026-12-24', to: '2026-12-26' } },
    { text: '2028-02-29', range: { from: '2028-02-29', to: '2028-02-29' } },
    { text: '2026-02-30', range: null },
    { text: '2026-12-26..2026-12-24', range: null },
    { text: '26-11-2026', range: null },
  ])('reads $text', ({ text, range }) => {
    expect(parseDateRange(text)).toEqual(range);
  });
});

describe('suggestKey', () => {
  const known = ['timezone', 'hours', 'checkIns', 'daysOff', 'emergency', 'autoReply'];
  it.each([
    { unknown: 'timeZone', suggestion: 'timezone' },
    { unknown: 'checkins', suggestion: 'checkIns' },
    { unknown: 'emergancy', suggestion: 'emergency' },
    { unknown: 'dayOff', suggestion: 'daysOff' },
    { unknown: 'holidays', suggestion: undefined },
  ])('suggests $suggestion for $unknown', ({ unknown, suggestion }) => {
    expect(suggestKey(unknown, known)).toBe(suggestion);
  });
});

describe('substituteEnv', () => {
  it.each([
    { value: { pass: '${PASS}' }, result: { pass: 's3cret' }, substituted: ['pass'], missing: [] },
    {
      value: { url: 'redis://:${PASS}@h' },
      result: { url: 'redis://:s3cret@h' },
      substituted: ['url'],
      missing: [],
    },
    { value: { price: '$$5' }, result: { price: '$5' }, substituted: [], missing: [] },
    {
      value: { list: ['${NOPE}'] },
      result: { list: ['${NOPE}'] },
      substituted: [],
      missing: [{ path: ['list', 0], variable: 'NOPE' }],
    },
    { value: { port: 993 }, result: { port: 993 }, substituted: [], missing: [] },
  ])('substitutes in $value', ({ value, result, substituted, missing }) => {
    const substitution = substituteEnv(value, { PASS: 's3cret' });
    expect(substitution.value).toEqual(result);
    expect(substitution.substitutedPaths.map((path) => path.join('.'))).toEqual(substituted);
    expect(substitution.missing).toEqual(missing);
  });
});
