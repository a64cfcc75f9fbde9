/** One method's verdict in an Authentication-Results header (RFC 8601), e.g. dkim=pass. */
export interface AuthenticationResult {
  /** Lower-cased method: 'dkim', 'spf', 'dmarc', 'arc'... */
  readonly method: string;
  /** Lower-cased result: 'pass', 'fail', 'none'... */
  readonly result: string;
  /** Lower-cased property names ('header.d', 'smtp.mailfrom') to their values, unquoted. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface AuthenticationResults {
  /** Lower-cased authserv-id: who stamped the header. */
  readonly authservId: string;
  readonly results: readonly AuthenticationResult[];
}

/**
 * Reads one Authentication-Results value. Comments are dropped, quoted values kept whole
 * (a quoted value may hold ';'); anything that is not `name=value` is skipped, so a broken
 * header yields fewer results, never an error. One pass over the text: linear time.
 */
export function readAuthenticationResults(value: string): AuthenticationResults {
  const segments = splitSegments(value);
  const [head = '', ...rest] = segments;
  const authservId = (head.trim().split(/\s+/, 1)[0] ?? '').toLowerCase();
  const results: AuthenticationResult[] = [];
  for (const segment of rest) {
    const [methodSpec, ...propertySpecs] = splitWords(segment);
    const method = splitPair(methodSpec ?? '');
    if (method === null) continue;
    const properties = Object.create(null) as Record<string, string>;
    for (const spec of propertySpecs) {
      const property = splitPair(spec);
      if (property !== null) properties[property.name] = property.value;
    }
    results.push({
      // "dkim/1" names a method version; the version does not change the verdict.
      method: method.name.split('/', 1)[0] ?? '',
      result: method.value.toLowerCase(),
      properties,
    });
  }
  return { authservId, results };
}

/** Splits at ';' outside quotes, dropping (nested) comments. */
function splitSegments(value: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index] ?? '';
    if (quoted) {
      current += char;
      if (char === '\\' && index + 1 < value.length) {
        current += value[index + 1] ?? '';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      }
    } else if (depth > 0) {
      if (char === '\\') index += 1;
      else if (char === '(') depth += 1;
      else if (char === ')') depth -= 1;
    } else if (char === '(') {
      depth = 1;
      current += ' ';
    } else if (char === '"') {
      quoted = true;
      current += char;
    } else if (char === ';') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

/** Splits at white space outside quotes; `a = b` is one word `a=b`, as RFC 8601 allows CFWS there. */
function splitWords(segment: string): string[] {
  const words: string[] = [];
  const push = (word: string): void => {
    const last = words[words.length - 1];
    if (last !== undefined && (last.endsWith('=') || word.startsWith('='))) {
      words[words.length - 1] = last + word;
    } else {
      words.push(word);
    }
  };
  let current = '';
  let quoted = false;
  for (const char of segment) {
    if (char === '"') quoted = !quoted;
    if (!quoted && /\s/.test(char)) {
      if (current !== '') push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') push(current);
  return words;
}

function splitPair(word: string): { name: string; value: string } | null {
  const equals = word.indexOf('=');
  if (equals <= 0) return null;
  const raw = word.slice(equals + 1);
  const value =
    raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  return { name: word.slice(0, equals).toLowerCase(), value };
}
