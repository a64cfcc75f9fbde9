import libmime from 'libmime';
import { MailParser, parseAddressHeader } from 'mailparser';
import type { AttachmentStream, MessageText } from 'mailparser';
import type { HtmlFacts, MailAddress, MessageFacts } from '../triage/message-facts.js';
import { convertHtml } from './convert-html.js';
import { extractFreshText } from './extract-fresh-text.js';
import { normalizeLineEndings } from './normalize-line-endings.js';
import { maxHeadBytes, readHeaderFields, type HeaderField } from './read-header-fields.js';
import { readMimeParts, type MimeStructure } from './read-mime-parts.js';

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

/** The only fields mailparser needs to find the body's MIME structure. */
const structureHeaders: ReadonlySet<string> = new Set([
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

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
    const buffer = normalizeLineEndings(
      typeof source === 'string' ? Buffer.from(source, 'utf8') : source,
    );
    if (buffer.length === 0) {
      warnings.push('The message is empty.');
      return { facts: buildFacts([], emptyBody, warnings), warnings };
    }
    const parts = splitMessage(buffer, warnings);
    const section = readHeaderFields(parts.head, warnings);
    fields = section.fields;
    const body = await readBody(fields, parts.body, maxTextChars, warnings);
    return { facts: buildFacts(fields, body, warnings, section.malformedLines), warnings };
  } catch (error) {
    warnings.push(`The message could not be read: ${describe(error)}.`);
    return { facts: buildFallbackFacts(fields), warnings };
  }
}

/**
 * Facts from the header section alone, synchronously: for a message whose body is over the
 * parse budget. The header section is bounded in size and read without mailparser.
 */
export function parseMessageHeaders(source: Buffer): ParsedMessage {
  const warnings: string[] = [];
  let fields: HeaderField[] = [];
  try {
    const parts = splitMessage(normalizeLineEndings(source), warnings);
    const section = readHeaderFields(parts.head, warnings);
    fields = section.fields;
    return {
      facts: buildFacts(fields, emptyBody, warnings, section.malformedLines),
      warnings,
    };
  } catch (error) {
    warnings.push(`The message could not be read: ${describe(error)}.`);
    return { facts: buildFallbackFacts(fields), warnings };
  }
}

/** Facts from the header fields alone, or from nothing when even those cannot be read. */
function buildFallbackFacts(fields: readonly HeaderField[]): MessageFacts {
  try {
    return buildFacts(fields, emptyBody, []);
  } catch {
    return buildFacts([], emptyBody, []);
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

/** What the body says and how it is built. */
interface BodyFacts {
  readonly text: string;
  readonly freshText: string;
  readonly html: HtmlFacts | null;
  readonly blankTextAlternative: boolean;
  readonly structure: MimeStructure;
}

const emptyBody: BodyFacts = {
  text: '',
  freshText: '',
  html: null,
  blankTextAlternative: false,
  structure: { parts: [], calendarMethods: [] },
};

function buildFacts(
  fields: readonly HeaderField[],
  body: BodyFacts,
  warnings: string[],
  malformedHeaderLines = 0,
): MessageFacts {
  const structure =
    body.structure.parts.length > 0 ? body.structure : readMimeParts(fields, Buffer.alloc(0));
  const top = structure.parts[0];
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
    text: body.text,
    freshText: body.freshText,
    headers: collectHeaders(fields),
    contentType: top?.contentType ?? 'text/plain',
    contentTypeParams: top?.params ?? {},
    parts: structure.parts,
    calendarMethods: structure.calendarMethods,
    html: body.html,
    blankTextAlternative: body.blankTextAlternative,
    malformedHeaderLines,
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
  const id = (readBracketed(value, '<', '>')[0] ?? value).trim();
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
  const bare = dropBracketed(value, '(', ')').trim().replace(/^<|>$/g, '').trim();
  if (bare === '') {
    return '';
  }
  const parsed = parseAddressHeader(value, { flatten: true }).value.find(
    (entry) => (entry.address ?? '').trim() !== '',
  );
  return (parsed?.address ?? bare).trim().toLowerCase();
}

function readReferences(fields: readonly HeaderField[]): string[] {
  const joined = readAllValues(fields, 'references').join(' ');
  const bracketed = readBracketed(joined, '<', '>').map((id) => id.trim());
  const ids = bracketed.length > 0 ? bracketed : joined.split(/\s+/);
  return ids.filter((id) => id !== '');
}

/**
 * The texts between each opening mark and the next closing one, found with indexOf: a
 * regular expression such as /<([^>]*)>/g rescans the rest of the value from every '<'
 * when no '>' follows, which is quadratic in a hostile 16 KB header.
 */
function readBracketed(value: string, open: string, close: string): string[] {
  const found: string[] = [];
  let position = 0;
  for (;;) {
    const start = value.indexOf(open, position);
    if (start === -1) return found;
    const end = value.indexOf(close, start + 1);
    if (end === -1) return found;
    found.push(value.slice(start + 1, end));
    position = end + 1;
  }
}

/** The value without its bracketed parts (comments), in one forward pass. */
function dropBracketed(value: string, open: string, close: string): string {
  let kept = '';
  let position = 0;
  for (;;) {
    const start = value.indexOf(open, position);
    const end = start === -1 ? -1 : value.indexOf(close, start + 1);
    if (end === -1) return kept + value.slice(position);
    kept += value.slice(position, start);
    position = end + 1;
  }
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
 * The body: text/plain parts as mailparser decodes them, else the HTML converted to text
 * (hidden elements left out); the raw body when the MIME structure defeats mailparser. The
 * HTML is read for its links and images even when there is plain text. Cut to maxTextChars.
 */
async function readBody(
  fields: readonly HeaderField[],
  body: Buffer,
  maxTextChars: number,
  warnings: string[],
): Promise<BodyFacts> {
  const structure = readMimeParts(fields, body);
  const lean = Buffer.concat([
    Buffer.from(`${serializeStructureFields(fields)}\r\n`, 'utf8'),
    body,
  ]);
  let text: string;
  let html: string;
  try {
    ({ text, html } = await extractContent(lean));
  } catch (error) {
    warnings.push(`The MIME body could not be parsed (${describe(error)}); using the raw body.`);
    const raw = body.toString('utf8');
    const looksHtml = /<html|<body|<div|<p\b/i.test(raw);
    text = looksHtml ? '' : raw;
    html = looksHtml ? raw : '';
  }
  const converted = html === '' ? null : convertHtml(html);
  const useHtml = text.trim() === '' && converted !== null;
  const hasPlainPart = structure.parts.some((part) => part.contentType === 'text/plain');
  const shown = truncate(useHtml ? converted.text : text, maxTextChars);
  const fresh = useHtml ? truncate(converted.freshText, maxTextChars) : shown;
  return {
    text: shown,
    freshText: extractFreshText(fresh),
    html: converted?.facts ?? null,
    blankTextAlternative:
      useHtml && hasPlainPart && (converted.text.trim() !== '' || converted.facts.imageCount > 0),
    structure,
  };
}

function serializeStructureFields(fields: readonly HeaderField[]): string {
  return fields
    .filter((field) => structureHeaders.has(field.name))
    .map((field) => `${field.name}: ${field.value}\r\n`)
    .join('');
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
