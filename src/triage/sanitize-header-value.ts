// C0 and C1 control characters and Unicode line separators: any of them could end a header line.
// eslint-disable-next-line no-control-regex
const lineBreaking = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Text taken from an incoming message (a subject, a name) that goes into an outgoing
 * header: no CR or LF may survive, or a hostile subject could inject headers.
 */
export function sanitizeHeaderValue(value: string, maxLength = 200): string {
  const flat = value.replace(lineBreaking, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
