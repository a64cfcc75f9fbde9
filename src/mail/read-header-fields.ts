/**
 * Bounds on what is kept of the header section. Real mail has a few dozen fields and MTAs
 * refuse more than about a hundred hops; the bounds exist so a hostile 1 MB Subject or
 * 10,000 fields cost milliseconds and a few megabytes, not minutes.
 */
export const maxHeadBytes = 2 * 1024 * 1024;
const maxHeaderFields = 1000;
const maxHeaderValueChars = 16 * 1024;

export interface HeaderField {
  /** Lower-cased field name. */
  readonly name: string;
  /** Unfolded value, undecoded, possibly truncated. */
  readonly value: string;
}

export interface HeaderSection {
  readonly fields: HeaderField[];
  /** Lines that are neither "Name: value" nor a continuation: no mail program writes one. */
  readonly malformedLines: number;
}

/** Splits the header section into unfolded fields, within the size bounds. */
export function readHeaderFields(head: string, warnings: string[]): HeaderSection {
  const fields: { name: string; parts: string[]; length: number; cut: boolean }[] = [];
  let current: (typeof fields)[number] | null = null;
  let malformed = 0;
  let dropped = 0;
  let truncated = 0;
  for (const line of head.split(/\r?\n/)) {
    if (line === '') {
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current !== null && current.length < maxHeaderValueChars) {
        current.parts.push(line);
        current.length += line.length;
      } else if (current !== null) {
        current.cut = true;
      }
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (name === '' || /\s/.test(name)) {
      malformed += 1;
      current = null;
      continue;
    }
    if (fields.length >= maxHeaderFields) {
      dropped += 1;
      current = null;
      continue;
    }
    const value = line.slice(colon + 1);
    current = { name, parts: [value], length: value.length, cut: false };
    fields.push(current);
  }
  const unfolded = fields.map(({ name, parts, length, cut }) => {
    const value = parts.join('').trim();
    if (cut || length > maxHeaderValueChars) {
      truncated += 1;
      return { name, value: value.slice(0, maxHeaderValueChars) };
    }
    return { name, value };
  });
  if (malformed > 0) {
    warnings.push(`Skipped ${malformed} header line(s) that are not "Name: value".`);
  }
  if (dropped > 0) {
    warnings.push(`Kept the first ${maxHeaderFields} header fields; skipped ${dropped} more.`);
  }
  if (truncated > 0) {
    warnings.push(`Cut ${truncated} header value(s) to ${maxHeaderValueChars} characters.`);
  }
  return { fields: unfolded, malformedLines: malformed };
}
