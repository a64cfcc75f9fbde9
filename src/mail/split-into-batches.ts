/**
 * Cuts the UIDs to triage into batches of at most `maxCount` messages and at most `maxBytes`
 * of fetched source (each message counting its size up to `fetchBytes`, what a FETCH brings
 * of it), in UID order. A batch's messages, parsed facts and jobs are held together until
 * the batch is done, so the byte bound is what keeps a backlog of large mail from holding
 * hundreds of megabytes at once; a message over `maxBytes` on its own is a batch of one.
 * A UID without a known size counts as `fetchBytes`.
 */
export function splitIntoBatches(
  uids: readonly number[],
  sizes: ReadonlyMap<number, number>,
  limits: { readonly maxCount: number; readonly maxBytes: number; readonly fetchBytes: number },
): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = Math.min(sizes.get(uid) ?? limits.fetchBytes, limits.fetchBytes);
    if (
      current.length > 0 &&
      (current.length >= limits.maxCount || bytes + size > limits.maxBytes)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
