import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';

function findPair(map: Node, key: PropertyKey) {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key));
}

/**
 * The 1-based line of the node at `path` in a parsed YAML document: the value, or its key
 * when `at` is 'key' (for unknown or repeated keys). When the path goes past what the file
 * holds (a missing key), the line of the deepest key that exists.
 */
export function locateYamlLine(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  at: 'key' | 'value' = 'value',
): number {
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range === undefined || node.range === null
      ? undefined
      : lineCounter.linePos(node.range[0]).line;
  let node: Node | null | undefined = doc.contents;
  let line = lineOf(node) ?? 1;
  for (const [index, segment] of path.entries()) {
    if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
      if (node === undefined) return line;
      line = lineOf(node) ?? line;
      continue;
    }
    const pair = node === null || node === undefined ? undefined : findPair(node, segment);
    if (pair === undefined) return line;
    line = lineOf(pair.key as Node) ?? line;
    if (index === path.length - 1 && at === 'key') return line;
    node = pair.value as Node | null;
  }
  // A block mapping or list starts at its first entry; its key's line reads better.
  if (isCollection(node) && node.flow !== true) return line;
  return lineOf(node) ?? line;
}
