import libmime from 'libmime';
import type { MimePart } from '../triage/message-facts.js';
import type { HeaderField } from './read-header-fields.js';

export interface MimeStructure {
  readonly parts: MimePart[];
  readonly calendarMethods: string[];
}

/**
 * Bounds that keep a hostile structure (thousands of parts, boundaries nested a hundred
 * deep) at a few milliseconds; real mail has a handful of parts, three or four levels deep.
 */
const maxParts = 200;
const maxDepth = 12;
const maxCalendarBytes = 64 * 1024;

const calendarTypes: ReadonlySet<string> = new Set(['text/calendar', 'application/ics']);

interface ContentType {
  readonly type: string;
  readonly params: Record<string, string>;
  /** The boundary as written: unlike the other parameters, its case matters. */
  readonly boundary: string | null;
}

/**
 * Lists every MIME part of the message's own structure, walking multipart bodies by their
 * boundaries (found with indexOf, so the walk is linear in the body at each level), and
 * reads the METHOD of calendar parts. Attached messages (message/rfc822) are listed but not
 * entered: what they contain is someone else's message.
 */
export function readMimeParts(fields: readonly HeaderField[], body: Buffer): MimeStructure {
  const structure: MimeStructure = { parts: [], calendarMethods: [] };
  walkPart(fields, body.toString('latin1'), 0, structure);
  return structure;
}

function walkPart(
  fields: readonly HeaderField[],
  body: string,
  depth: number,
  structure: MimeStructure,
): void {
  if (structure.parts.length >= maxParts) return;
  const contentType = readContentType(findValue(fields, 'content-type'));
  const isMultipart = contentType.type.startsWith('multipart/');
  const children =
    isMultipart && contentType.boundary !== null && depth < maxDepth
      ? splitMultipart(body, contentType.boundary)
      : [];
  structure.parts.push({
    contentType: contentType.type,
    params: contentType.params,
    depth,
    malformed: isMultipart && depth < maxDepth && children.length === 0,
    transferEncoding: findValue(fields, 'content-transfer-encoding')?.trim().toLowerCase() ?? null,
  });
  if (calendarTypes.has(contentType.type)) {
    const method =
      contentType.params['method'] ??
      readCalendarMethod(body, findValue(fields, 'content-transfer-encoding'));
    if (method !== undefined && method !== '') structure.calendarMethods.push(method.toUpperCase());
    return;
  }
  for (const child of children) {
    if (structure.parts.length >= maxParts) return;
    const { head, rest } = splitPart(child);
    walkPart(readPartFields(head), rest, depth + 1, structure);
  }
}

/** The bodies between `--boundary` lines, preamble and epilogue left out. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const children: string[] = [];
  let bodyStart = -1;
  let position = 0;
  for (;;) {
    const found = body.indexOf(delimiter, position);
    if (found === -1) break;
    position = found + delimiter.length;
    const atLineStart = found === 0 || body[found - 1] === '\n';
    if (!atLineStart) continue;
    if (bodyStart !== -1) children.push(body.slice(bodyStart, trimLineEnd(body, found)));
    if (body.startsWith('--', position)) return children;
    const newline = body.indexOf('\n', position);
    if (newline === -1) return children;
    bodyStart = newline + 1;
  }
  // An unterminated multipart still has its last part (broken mail is common).
  if (bodyStart !== -1) children.push(body.slice(bodyStart));
  return children;
}

/** Where the line ending before a delimiter starts: it belongs to the delimiter. */
function trimLineEnd(body: string, delimiterAt: number): number {
  let end = delimiterAt;
  if (body[end - 1] === '\n') end -= 1;
  if (body[end - 1] === '\r') end -= 1;
  return Math.max(end, 0);
}

function splitPart(part: string): { head: string; rest: string } {
  if (part.startsWith('\n')) return { head: '', rest: part.slice(1) };
  if (part.startsWith('\r\n')) return { head: '', rest: part.slice(2) };
  const lf = part.indexOf('\n\n');
  const crlf = part.indexOf('\n\r\n');
  if (lf === -1 && crlf === -1) return { head: part, rest: '' };
  if (crlf === -1 || (lf !== -1 && lf < crlf)) {
    return { head: part.slice(0, lf), rest: part.slice(lf + 2) };
  }
  return { head: part.slice(0, crlf), rest: part.slice(crlf + 3) };
}

/** Only the fields that shape the structure are kept; a part's head is small. */
function readPartFields(head: string): HeaderField[] {
  const fields: HeaderField[] = [];
  let current: { name: string; value: string } | null = null;
  for (const line of head.split('\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== null) {
      current.value += line.trimEnd();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    current =
      name === 'content-type' || name === 'content-transfer-encoding'
        ? { name, value: line.slice(colon + 1).trimEnd() }
        : null;
    if (current !== null) fields.push(current);
  }
  return fields;
}

function findValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((field) => field.name === name)?.value;
}

function readContentType(value: string | undefined): ContentType {
  if (value === undefined || value.trim() === '') {
    return { type: 'text/plain', params: {}, boundary: null };
  }
  const parsed = libmime.parseHeaderValue(value);
  const params = Object.create(null) as Record<string, string>;
  let boundary: string | null = null;
  for (const [key, param] of Object.entries(parsed.params)) {
    const name = key.toLowerCase();
    if (name === 'boundary' && param.trim() !== '') boundary = param.trim();
    params[name] = param.trim().toLowerCase();
  }
  const type = parsed.value.trim().toLowerCase();
  return { type: type === '' ? 'text/plain' : type, params, boundary };
}

/** METHOD from the VCALENDAR itself, when the Content-Type does not carry it. */
function readCalendarMethod(body: string, encoding: string | undefined): string | undefined {
  const raw = body.slice(0, maxCalendarBytes);
  const text =
    encoding?.trim().toLowerCase() === 'base64'
      ? Buffer.from(raw.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1')
      : raw;
  const match = /^METHOD[ \t]*:[ \t]*([A-Za-z-]{1,40})/im.exec(text);
  return match?.[1];
}
