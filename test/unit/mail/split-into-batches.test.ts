import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from '../../../src/mail/split-into-batches.js';

const limits = { maxCount: 3, maxBytes: 100, fetchBytes: 60 };
const sized = (entries: [number, number][]) => new Map(entries);

describe('splitIntoBatches', () => {
  it.each<[string, number[], Map<number, number>, number[][]]>([
    ['nothing', [], sized([]), []],
    [
      'small mail, cut by count',
      [1, 2, 3, 4, 5],
      sized([
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 1],
      ]),
      [
        [1, 2, 3],
        [4, 5],
      ],
    ],
    [
      'cut by bytes',
      [1, 2, 3],
      sized([
        [1, 50],
        [2, 40],
        [3, 20],
      ]),
      [[1, 2], [3]],
    ],
    [
      'exactly the byte bound stays together',
      [1, 2],
      sized([
        [1, 50],
        [2, 50],
      ]),
      [[1, 2]],
    ],
    [
      'a size counts only up to what a FETCH brings',
      [1, 2],
      sized([
        [1, 5_000_000],
        [2, 40],
      ]),
      [[1, 2]],
    ],
    ['an unknown size counts as a whole fetch', [1, 2, 3], sized([]), [[1], [2], [3]]],
    [
      'one message over the bound is a batch of one',
      [1, 2],
      sized([
        [1, 60],
        [2, 60],
      ]),
      [[1], [2]],
    ],
  ])('%s', (_name, uids, sizes, expected) => {
    expect(splitIntoBatches(uids, sizes, limits)).toEqual(expected);
  });

  it('keeps every UID once, in order', () => {
    const uids = Array.from({ length: 1_000 }, (_, index) => index + 1);
    const sizes = new Map(uids.map((uid) => [uid, (uid * 37) % 90]));
    const batches = splitIntoBatches(uids, sizes, limits);
    expect(batches.flat()).toEqual(uids);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(limits.maxCount);
      const bytes = batch.reduce((sum, uid) => sum + Math.min(sizes.get(uid) ?? 60, 60), 0);
      if (batch.length > 1) expect(bytes).toBeLessThanOrEqual(limits.maxBytes);
    }
  });
});
