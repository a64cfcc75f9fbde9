import { IANAZone } from 'luxon';
import { windowsTimeZones } from './windows-time-zones.js';

/** A calendar that cannot be read as the VA meant it: what is wrong, at which line. */
export class IcsProblem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

interface ContentLine {
  /** 1-based line of the file where the (folded) content line starts. */
  readonly line: number;
  readonly name: string;
  readonly params: readonly string[];
  readonly value: string;
}

/** Properties holding a DATE or DATE-TIME that decide when an event happens. */
const timeProperties: ReadonlySet<string> = new Set([
  'DTSTART',
  'DTEND',
  'RECURRENCE-ID',
  'EXDATE',
  'RDATE',
]);
const timeValue = /^\d{8}(?:T\d{6}Z?)?$/;
const windowsZoneByLowerName = new Map(
  Object.entries(windowsTimeZones).map(([name, zone]) => [name.toLowerCase(), zone]),
);

/**
 * Checks an ICS calendar and rewrites what node-ical would read in this machine's zone, so
 * node-ical reads it in the client's: floating date-times (no TZID, no Z) get the client's
 * `timeZone`; a TZID that is a Windows name ("W. Europe Standard Time") or names a VTIMEZONE
 * of the file becomes the IANA zone it stands for. Throws IcsProblem with the line for a
 * TZID that is none of IANA, Windows or a VTIMEZONE that maps to one, for an event without
 * DTSTART or with an unreadable date, and for components that are not closed (a truncated
 * file) or closed out of order.
 */
export function prepareIcsText(text: string, timeZone: string, year: number): string {
  const lines = readContentLines(text);
  const vtimezones = readVtimezones(lines, year);
  const out: string[] = [];
  const stack: { name: string; line: number; hasStart: boolean }[] = [];
  for (const content of lines) {
    const top = stack[stack.length - 1];
    if (content.name === 'BEGIN') {
      stack.push({ name: content.value.toUpperCase(), line: content.line, hasStart: false });
    } else if (content.name === 'END') {
      const closing = content.value.toUpperCase();
      if (top === undefined || top.name !== closing) {
        throw new IcsProblem(
          content.line,
          top === undefined
            ? `END:${closing} closes nothing`
            : `END:${closing} does not close BEGIN:${top.name} of line ${top.line}`,
        );
      }
      if (top.name === 'VEVENT' && !top.hasStart) {
        throw new IcsProblem(top.line, 'the event has no DTSTART');
      }
      stack.pop();
    } else if (top?.name === 'VEVENT' && timeProperties.has(content.name)) {
      if (content.name === 'DTSTART') top.hasStart = true;
      out.push(rewriteTime(content, timeZone, vtimezones));
      continue;
    }
    out.push(formatLine(content));
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) {
    throw new IcsProblem(open.line, `BEGIN:${open.name} is never closed (is the file cut short?)`);
  }
  return `${out.join('\r\n')}\r\n`;
}

function rewriteTime(
  content: ContentLine,
  timeZone: string,
  vtimezones: ReadonlyMap<string, string | null>,
): string {
  const values = content.value.split(',');
  const bad = values.find((value) => !timeValue.test(value.trim()));
  if (bad !== undefined) {
    throw new IcsProblem(content.line, `${content.name} '${bad}' is not a date or date-time`);
  }
  const tzidIndex = content.params.findIndex((param) => /^TZID=/i.test(param));
  const isDateOnly =
    content.params.some((param) => /^VALUE=DATE$/i.test(param)) ||
    values.every((value) => !value.includes('T'));
  if (tzidIndex === -1) {
    if (isDateOnly || values.every((value) => value.trim().endsWith('Z'))) {
      return formatLine(content);
    }
    // A floating time means the same wall time wherever one is: the client's.
    return formatLine({ ...content, params: [...content.params, `TZID=${timeZone}`] });
  }
  const tzid = (content.params[tzidIndex] ?? '').slice(5).replace(/^"(.*)"$/, '$1');
  const zone = resolveTzid(tzid, vtimezones);
  if (zone === null) {
    throw new IcsProblem(
      content.line,
      `TZID '${tzid}' is not a time zone: not an IANA name, not a Windows name, and no VTIMEZONE of the file maps to one`,
    );
  }
  const params = [...content.params];
  params[tzidIndex] = `TZID=${zone}`;
  return formatLine({ ...content, params });
}

function resolveTzid(tzid: string, vtimezones: ReadonlyMap<string, string | null>): string | null {
  if (IANAZone.isValidZone(tzid)) return tzid;
  const windows = windowsZoneByLowerName.get(tzid.trim().replace(/\s+/g, ' ').toLowerCase());
  if (windows !== undefined) return windows;
  return vtimezones.get(tzid) ?? null;
}

/**
 * Each VTIMEZONE's TZID and the zone it stands for: itself when it is an IANA or Windows
 * name, else the first IANA zone whose offsets in January and July of `year` match its
 * latest STANDARD and DAYLIGHT offsets (a fixed offset without DAYLIGHT); null when none
 * matches. Zones with the same offsets may switch on other dates: an event in the days
 * between two such switches could move by an hour, which a custom zone name cannot avoid.
 */
function readVtimezones(lines: readonly ContentLine[], year: number): Map<string, string | null> {
  const zones = new Map<string, string | null>();
  let inZone = false;
  let tzid = '';
  let observance = '';
  const offsets: { STANDARD?: string; DAYLIGHT?: string } = {};
  for (const content of lines) {
    if (content.name === 'BEGIN' && content.value.toUpperCase() === 'VTIMEZONE') {
      inZone = true;
      tzid = '';
      delete offsets.STANDARD;
      delete offsets.DAYLIGHT;
    } else if (inZone && content.name === 'BEGIN') {
      observance = content.value.toUpperCase();
    } else if (inZone && content.name === 'TZID') {
      tzid = content.value.replace(/^"(.*)"$/, '$1');
    } else if (inZone && content.name === 'TZOFFSETTO') {
      if (observance === 'STANDARD' || observance === 'DAYLIGHT')
        offsets[observance] = content.value;
    } else if (content.name === 'END' && content.value.toUpperCase() === 'VTIMEZONE') {
      inZone = false;
      const named = resolveTzid(tzid, new Map());
      zones.set(tzid, named ?? matchOffsets(offsets.STANDARD, offsets.DAYLIGHT, year));
    }
  }
  return zones;
}

function matchOffsets(
  standard: string | undefined,
  daylight: string | undefined,
  year: number,
): string | null {
  const standardMinutes = readOffsetMinutes(standard);
  if (standardMinutes === null) return null;
  const daylightMinutes = readOffsetMinutes(daylight) ?? standardMinutes;
  const january = Date.UTC(year, 0, 15, 12);
  const july = Date.UTC(year, 6, 15, 12);
  const wanted = [standardMinutes, daylightMinutes].sort((a, b) => a - b).join();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const iana = IANAZone.create(zone);
    const seen = [iana.offset(january), iana.offset(july)].sort((a, b) => a - b).join();
    if (seen === wanted) return zone;
  }
  return null;
}

function readOffsetMinutes(offset: string | undefined): number | null {
  const match = /^([+-])(\d{2})(\d{2})(?:\d{2})?$/.exec(offset?.trim() ?? '');
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Unfolds the file (RFC 5545 3.1) into content lines, each with the line it starts on. */
function readContentLines(text: string): ContentLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  for (const [index, line] of physical.entries()) {
    const last = logical[logical.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      last.text += line.slice(1);
    } else if (line.trim() !== '') {
      logical.push({ line: index + 1, text: line });
    }
  }
  return logical.map(({ line, text: content }) => parseContentLine(line, content));
}

/** NAME;PARAM=...;PARAM="a:b":VALUE: the value starts at the first ':' outside quotes. */
function parseContentLine(line: number, text: string): ContentLine {
  let quoted = false;
  let colon = -1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) {
      colon = index;
      break;
    }
  }
  if (colon === -1) throw new IcsProblem(line, `'${text.slice(0, 40)}' is not a calendar line`);
  const [name = '', ...params] = splitParams(text.slice(0, colon));
  return { line, name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

function splitParams(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function formatLine(content: ContentLine): string {
  return [content.name, ...content.params].join(';') + ':' + content.value;
}
