import libmime from 'libmime';
import { MailParser, parseAddressHeader } from 'mailparser';
import type { AttachmentStream, MessageText } from 'mailparser';
import type { MailAddress, MessageFacts } from '../triage/message-facts.js';

export interface ParsedMessage {
  readonly facts: MessageFacts;
  /** What could not be read as it should, for the log; empty for a well-formed message. */
  readonly warnings: string[];
}

export interface ParseMessageOptions {
  /** Longest body text kept, in characters. */
  readonly maxTextChars?: number;
}

const defaultMaxTextChars = 64 * 1024;

/**
 * Bounds on what is kept of the header section. Real mail has a few dozen fields and MTAs
 * refuse more than about a hundred hops; the bounds exist so a hostile 1 MB Subject or
 * 10,000 fields cost milliseconds and a few megabytes, not minutes.
 */
const maxHeadBytes = 2 * 1024 * 1024;
const maxHeaderFields = 1000;
const maxHeaderValueChars = 16 * 1024;

/** The only fields mailparser needs to find the body's MIME structure. */
const structureHeaders: ReadonlySet<string> = new Set([
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

interface HeaderField {
  /** Lower-cased field name. */
  readonly name: string;
  /** Unfolded value, undecoded, possibly truncated. */
  readonly value: string;
}

interface MessageParts {
  readonly head: string;
  readonly body: Buffer;
}

/**
 * Reads one raw message into MessageFacts. It never throws: whatever cannot be read (broken
 * MIME, unknown charsets, missing or enormous headers, binary junk, an empty source) leaves
 * its fact empty and adds a warning, because the daemon must still decide something.
 *
 * The header section is split here rather than by mailparser, so every instance of every
 * field is kept in order, undecoded values are available for address parsing, and size
 * bounds apply before any parsing. mailparser then sees only the MIME structure fields and
 * the body, and its job is to find and decode the text.
 */
export async function parseMessage(
  source: Buffer | string,
  options: ParseMessageOptions = {},
): Promise<ParsedMessage> {
  const warnings: string[] = [];
  const maxTextChars = options.maxTextChars ?? defaultMaxTextChars;
  let fields: HeaderField[] = [];
  try {
    const buffer = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    if (buffer.length === 0) {
      warnings.push('The message is empty.');
      return { facts: buildFacts([], '', warnings), warnings };
    }
    const parts = splitMessage(buffer, warnings);
    fields = readHeaderFields(parts.head, warnings);
    const text = await readText(fields, parts.body, maxTextChars, warnings);
    return { facts: buildFacts(fields, text, warnings), warnings };
  } catch (error) {
    warnings.push(`The message could not be read: ${describe(error)}.`);
    return { facts: buildFallbackFacts(fields), warnings };
  }
}

/** Facts from the header fields alone, or from nothing when even those cannot be read. */
function buildFallbackFacts(fields: readonly HeaderField[]): MessageFacts {
  try {
    return buildFacts(fields, '', []);
  } catch {
    return buildFacts([], '', []);
  }
}

/** Separates the header section from the body, dropping an mbox `From ` separator line. */
function splitMessage(buffer: Buffer, warnings: string[]): MessageParts {
  let start = 0;
  if (buffer.subarray(0, 5).toString('latin1') === 'From ') {
    const newline = buffer.indexOf(0x0a);
    start = newline === -1 ? buffer.length : newline + 1;
  }
  const { headEnd, bodyStart } = findHeaderEnd(buffer, start);
  let readableHeadEnd = headEnd;
  if (headEnd - start > maxHeadBytes) {
    warnings.push(
      `The header section is larger than ${maxHeadBytes} bytes; only its start is read.`,
    );
    readableHeadEnd = start + maxHeadBytes;
  }
  return {
    head: buffer.toString('utf8', start, readableHeadEnd),
    body: buffer.subarray(bodyStart),
  };
}

/** The header section ends at the first empty line; without one, the message is all header. */
function findHeaderEnd(buffer: Buffer, start: number): { headEnd: number; bodyStart: number } {
  if (buffer[start] === 0x0a) {
    return { headEnd: start, bodyStart: start + 1 };
  }
  if (buffer[start] === 0x0d && buffer[start + 1] === 0x0a) {
    return { headEnd: start, bodyStart: start + 2 };
  }
  const lf = buffer.indexOf('\n\n', start, 'latin1');
  const crlf = buffer.indexOf('\n\r\n', start, 'latin1');
  if (lf === -1 && crlf === -1) {
    return { headEnd: buffer.length, bodyStart: buffer.length };
  }
  if (crlf === -1 || (lf !== -1 && lf < crlf)) {
    return { headEnd: lf + 1, bodyStart: lf + 2 };
  }
  return { headEnd: crlf + 1, bodyStart: crlf + 3 };
}

/** Splits the header section into unfolded fields, within the size bounds. */
function readHeaderFields(head: string, warnings: string[]): HeaderField[] {
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
  return unfolded;
}

function buildFacts(
  fields: readonly HeaderField[],
  text: string,
  warnings: string[],
): MessageFacts {
  const contentType = readContentType(readFirstValue(fields, 'content-type'));
  return {
    messageId: readMessageId(readFirstValue(fields, 'message-id')),
    from: readFrom(readFirstValue(fields, 'from')),
    returnPath: readReturnPath(readFirstValue(fields, 'return-path')),
    to: readAddresses(fields, 'to'),
    cc: readAddresses(fields, 'cc'),
    bcc: readAddresses(fields, 'bcc'),
    resentTo: readAddresses(fields, 'resent-to'),
    resentCc: readAddresses(fields, 'resent-cc'),
    resentBcc: readAddresses(fields, 'resent-bcc'),
    subject: decodeValue(readFirstValue(fields, 'subject') ?? ''),
    text,
    headers: collectHeaders(fields),
    contentType: contentType.type,
    contentTypeParams: contentType.params,
    references: readReferences(fields),
    date: readDate(readFirstValue(fields, 'date'), warnings),
  };
}

function readFirstValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((field) => field.name === name)?.value;
}

function readAllValues(fields: readonly HeaderField[], name: string): string[] {
  return fields.filter((field) => field.name === name).map((field) => field.value);
}

/** A null-prototype record, so a field named `__proto__` or `constructor` is just a field. */
function collectHeaders(fields: readonly HeaderField[]): Record<string, string[]> {
  const headers = Object.create(null) as Record<string, string[]>;
  for (const field of fields) {
    (headers[field.name] ??= []).push(decodeValue(field.value));
  }
  return headers;
}

function decodeValue(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function readMessageId(value: string | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  const bracketed = /<([^>]*)>/.exec(value);
  const id = (bracketed?.[1] ?? value).trim();
  return id === '' ? null : id;
}

/** Address fields are parsed from the undecoded value, so an encoded name cannot pose as an address. */
function readAddresses(fields: readonly HeaderField[], name: string): MailAddress[] {
  const values = readAllValues(fields, name);
  if (values.length === 0) {
    return [];
  }
  return parseAddressHeader(values, { flatten: true }).value.map((entry) => ({
    address: (entry.address ?? '').trim().toLowerCase(),
    name: entry.name.trim(),
  }));
}

function readFrom(value: string | undefined): MailAddress | null {
  if (value === undefined) {
    return null;
  }
  const first = parseAddressHeader(value, { flatten: true }).value.find(
    (entry) => (entry.address ?? '').trim() !== '',
  );
  if (first === undefined) {
    return null;
  }
  return { address: (first.address ?? '').trim().toLowerCase(), name: first.name.trim() };
}

/**
 * `<>` is the null sender. Some old MTAs write a bare `MAILER-DAEMON` without brackets or
 * domain; that is kept as it is, so the robot-sender check still sees it.
 */
function readReturnPath(value: string | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  const bare = value
    .replace(/\([^)]*\)/g, '')
    .trim()
    .replace(/^<|>$/g, '')
    .trim();
  if (bare === '') {
    return '';
  }
  const parsed = parseAddressHeader(value, { flatten: true }).value.find(
    (entry) => (entry.address ?? '').trim() !== '',
  );
  return (parsed?.address ?? bare).trim().toLowerCase();
}

function readContentType(value: string | undefined): {
  type: string;
  params: Record<string, string>;
} {
  if (value === undefined || value.trim() === '') {
    return { type: 'text/plain', params: {} };
  }
  const parsed = libmime.parseHeaderValue(value);
  const params = Object.create(null) as Record<string, string>;
  for (const [key, param] of Object.entries(parsed.params)) {
    params[key.toLowerCase()] = param.trim().toLowerCase();
  }
  const type = parsed.value.trim().toLowerCase();
  return { type: type === '' ? 'text/plain' : type, params };
}

function readReferences(fields: readonly HeaderField[]): string[] {
  const joined = readAllValues(fields, 'references').join(' ');
  const bracketed = [...joined.matchAll(/<([^>]*)>/g)].map((match) => (match[1] ?? '').trim());
  const ids = bracketed.length > 0 ? bracketed : joined.split(/\s+/);
  return ids.filter((id) => id !== '');
}

/** mailparser would turn an unreadable Date into the current time; null says "unknown" instead. */
function readDate(value: string | undefined, warnings: string[]): string | null {
  if (value === undefined) {
    return null;
  }
  const date = new Date(decodeValue(value));
  if (Number.isNaN(date.getTime())) {
    warnings.push(`The Date header "${value.slice(0, 100)}" is not a date.`);
    return null;
  }
  return date.toISOString();
}

/**
 * The body text: text/plain parts as mailparser decodes them; tags crudely stripped from the
 * HTML only when there is no plain text; the raw body when the MIME structure defeats
 * mailparser. Cut to maxTextChars.
 */
async function readText(
  fields: readonly HeaderField[],
  body: Buffer,
  maxTextChars: number,
  warnings: string[],
): Promise<string> {
  const structure = fields
    .filter((field) => structureHeaders.has(field.name))
    .map((field) => `${field.name}: ${field.value}\r\n`)
    .join('');
  const lean = Buffer.concat([Buffer.from(`${structure}\r\n`, 'utf8'), body]);
  let text: string;
  try {
    const content = await extractContent(lean);
    text =
      content.text.trim() === '' && content.html !== '' ? stripTags(content.html) : content.text;
  } catch (error) {
    warnings.push(`The MIME body could not be parsed (${describe(error)}); using the raw body.`);
    const raw = body.toString('utf8');
    text = /<html|<body|<div|<p\b/i.test(raw) ? stripTags(raw) : raw;
  }
  return truncate(text, maxTextChars);
}

function extractContent(source: Buffer): Promise<{ text: string; html: string }> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({
      skipHtmlToText: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      checksumAlgo: false,
    });
    let content: MessageText | null = null;
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'attachment') {
        // Attachments are never read; discarding them keeps the parser moving.
        data.content.resume();
        data.release?.();
      } else {
        content = data;
      }
    });
    parser.on('error', reject);
    parser.on('end', () => {
      const found: MessageText | null = content;
      resolve({ text: found?.text ?? '', html: found?.html ?? '' });
    });
    parser.end(source);
  });
}

/** Good enough to find keywords in an HTML-only message; not a renderer. */
function stripTags(html: string): string {
  return dropInvisibleElements(html)
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#0*39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Removes script, style and head elements in one forward pass (no backtracking regex). */
function dropInvisibleElements(html: string): string {
  const open = /<(script|style|head)\b/gi;
  let kept = '';
  let position = 0;
  for (;;) {
    open.lastIndex = position;
    const start = open.exec(html);
    if (start === null) {
      return kept + html.slice(position);
    }
    kept += html.slice(position, start.index) + ' ';
    const close = new RegExp(`</${start[1] ?? ''}\\s*>`, 'gi');
    close.lastIndex = open.lastIndex;
    const end = close.exec(html);
    if (end === null) {
      return kept;
    }
    position = end.index + end[0].length;
  }
}

/** Cuts without leaving half of a surrogate pair at the end. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) {
    return text;
  }
  const cut = text.slice(0, maxChars);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
